package org.caregate.mfa.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * When each account last passed a second-factor check other than a passkey: a texted code, a call,
 * an authenticator app or a recovery code, at sign-in, in settings or when setting one up. A passkey
 * alone signs in only while this is recent enough ({@link PasskeyPolicy}).
 */
@Repository
public class FullChecks {

    /** How the check was passed, as kept. */
    public enum How { TEXT_MESSAGE, PHONE_CALL, AUTHENTICATOR_APP, RECOVERY_CODE }

    private final JdbcClient jdbc;
    private final Clock clock;

    FullChecks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void passed(AccountId account, How how) {
        jdbc.sql("""
                INSERT INTO mfa_full_check (account_id, checked_at, method) VALUES (?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, method = EXCLUDED.method
                """).params(account.value(), Timestamp.from(clock.instant()), how.name()).update();
    }

    /** Setting up a text, call or app factor proved it just now. */
    @EventListener
    void added(SecondFactorAdded added) {
        if (added.kind() != SecondFactorKind.PASSKEY) {
            passed(added.accountId(), How.valueOf(added.kind().name()));
        }
    }

    public Optional<Instant> last(AccountId account) {
        return jdbc.sql("SELECT checked_at FROM mfa_full_check WHERE account_id = ?").param(account.value())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
    }
}
