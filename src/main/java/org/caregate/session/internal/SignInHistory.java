package org.caregate.session.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.caregate.identity.AccountId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sign-in history table. */
@Repository
public class SignInHistory {

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

    /** The latest entries, newest first. */
    public List<Entry> latest(AccountId account, int limit) {
        return jdbc.sql("""
                SELECT at, device, method, outcome FROM session_sign_in_event
                 WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?""")
                .params(account.value(), limit)
                .query((rs, row) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("device"),
                        rs.getString("method"), rs.getString("outcome")))
                .list();
    }

    int forgetBefore(Instant cutoff) {
        return jdbc.sql("DELETE FROM session_sign_in_event WHERE at < ?").param(Timestamp.from(cutoff)).update();
    }
}
