package org.caregate.record.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.identity.SignedIn;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Each account's sign-in before the current one, so the home page can say what is new since the
 * person's last visit. Kept here rather than read from the sign-in history, which belongs to the
 * session feature.
 */
@Repository
public class RecordReaders {

    private final JdbcClient jdbc;

    RecordReaders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(SignedIn event) {
        jdbc.sql("""
                INSERT INTO record_reader (account_id, previous_sign_in_at, last_sign_in_at) VALUES (?, NULL, ?)
                ON CONFLICT (account_id) DO UPDATE
                SET previous_sign_in_at = record_reader.last_sign_in_at, last_sign_in_at = excluded.last_sign_in_at
                """).params(event.accountId().value(), Timestamp.from(event.at())).update();
    }

    /** When the account signed in before the current session; empty on a first visit. */
    public Optional<Instant> previousSignIn(AccountId account) {
        return jdbc.sql("SELECT previous_sign_in_at FROM record_reader WHERE account_id = ?")
                .param(account.value()).query((rs, row) -> Optional.ofNullable(rs.getTimestamp(1)))
                .optional().flatMap(t -> t).map(Timestamp::toInstant);
    }
}
