package org.caregate.mfa.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.mfa.ProvedPhones;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The second factors an account has set up, and its "not now". */
@Repository
public class Factors implements ProvedPhones {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Factors(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The phone the person proved, if any. */
    public Optional<PhoneNumber> phone(AccountId account) {
        return jdbc.sql("SELECT number_e164, kind FROM mfa_phone WHERE account_id = ?").param(account.value())
                .query((rs, row) -> new PhoneNumber(rs.getString("number_e164"), PhoneKind.valueOf(rs.getString("kind"))))
                .optional();
    }

    /**
     * Keeps a phone that has just proved itself, replacing an earlier one, and forgets a "not now";
     * publishes {@link SecondFactorAdded} (the person is told at every contact on file).
     */
    @Transactional
    public void savePhone(AccountId account, PhoneNumber phone, Instant at) {
        jdbc.sql("""
                INSERT INTO mfa_phone (account_id, number_e164, kind, confirmed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET number_e164 = EXCLUDED.number_e164, kind = EXCLUDED.kind,
                    confirmed_at = EXCLUDED.confirmed_at
                """).params(account.value(), phone.e164(), phone.kind().name(), Timestamp.from(at)).update();
        jdbc.sql("DELETE FROM mfa_choice WHERE account_id = ?").param(account.value()).update();
        events.publishEvent(new SecondFactorAdded(account,
                phone.canReceiveTexts() ? SecondFactorKind.TEXT_MESSAGE : SecondFactorKind.PHONE_CALL, at));
    }

    @Override
    @Transactional
    public boolean setIfNone(AccountId account, PhoneNumber phone) {
        if (phone(account).isPresent()) {
            return false;
        }
        savePhone(account, phone, clock.instant());
        return true;
    }

    /** Deletes the proved phone; true when there was one. */
    public boolean removePhone(AccountId account) {
        return jdbc.sql("DELETE FROM mfa_phone WHERE account_id = ?").param(account.value()).update() > 0;
    }

    /** Whether support reset the account's second factor and it has not set one up since. */
    public boolean enrolmentRequired(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM mfa_enrolment_required WHERE account_id = ?").param(account.value())
                .query(Long.class).single() > 0;
    }

    public void requireEnrolment(AccountId account, Instant at) {
        jdbc.sql("""
                INSERT INTO mfa_enrolment_required (account_id, since) VALUES (?, ?)
                ON CONFLICT (account_id) DO UPDATE SET since = EXCLUDED.since
                """).params(account.value(), Timestamp.from(at)).update();
        jdbc.sql("DELETE FROM mfa_choice WHERE account_id = ?").param(account.value()).update();
    }

    /** Setting up any factor ends a reset's requirement. */
    public void enrolmentDone(AccountId account) {
        jdbc.sql("DELETE FROM mfa_enrolment_required WHERE account_id = ?").param(account.value()).update();
    }

    public boolean declined(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM mfa_choice WHERE account_id = ?").param(account.value())
                .query(Long.class).single() > 0;
    }

    public void decline(AccountId account, Instant at) {
        jdbc.sql("""
                INSERT INTO mfa_choice (account_id, declined_at) VALUES (?, ?)
                ON CONFLICT (account_id) DO UPDATE SET declined_at = EXCLUDED.declined_at
                """).params(account.value(), Timestamp.from(at)).update();
    }
}
