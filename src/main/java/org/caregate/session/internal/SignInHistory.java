package org.caregate.session.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.caregate.identity.AccountId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sign-in history table: when, an approximate device, how and with what result. No IP address:
 * we do not need it to help the person recognise a sign-in, and it is personal data.
 */
@Repository
public class SignInHistory {

    static final String SIGNED_IN = "SIGNED_IN";

    /** One line of a person's history. */
    public record Entry(Instant at, String device, String method, String outcome) {}

    private final JdbcClient jdbc;

    SignInHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(AccountId account, Instant at, String device, String method, String outcome) {
        jdbc.sql("INSERT INTO session_sign_in_event (account_id, at, device, method, outcome) VALUES (?, ?, ?, ?, ?)")
                .params(account.value(), Timestamp.from(at), device, method, outcome).update();
    }

    /** The latest entries since {@code since}, newest first. */
    public List<Entry> latest(AccountId account, Instant since, int limit) {
        return jdbc.sql("""
                SELECT at, device, method, outcome FROM session_sign_in_event
                 WHERE account_id = ? AND at >= ? ORDER BY at DESC, id DESC LIMIT ?""")
                .params(account.value(), Timestamp.from(since), limit)
                .query((rs, row) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("device"),
                        rs.getString("method"), rs.getString("outcome")))
                .list();
    }

    /** Whether the account has signed in successfully before (within the kept history). */
    boolean signedInBefore(AccountId account) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM session_sign_in_event WHERE account_id = ? AND outcome = 'SIGNED_IN')")
                .param(account.value()).query(Boolean.class).single();
    }

    int forgetBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM session_sign_in_event WHERE at < ?").param(Timestamp.from(cutoff)).update();
    }
}
