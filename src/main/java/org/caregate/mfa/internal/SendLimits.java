package org.caregate.mfa.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.patient.PhoneNumber;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The limits texts and calls share, against SMS pumping and toll fraud: allowed and blocked
 * countries, then how many went out in a window per account, per number (whatever the account), per
 * client address and per country. Texts and calls count together (the {@code mfa_send} view), in
 * PostgreSQL, so every node sees the same numbers; approximate under races, which is enough for
 * limits this far from normal use. Metrics: {@code caregate.mfa.<channel>{outcome, reason}}.
 */
@Component
class SendLimits {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final JdbcClient jdbc;
    private final MfaSettings settings;
    private final MeterRegistry meters;

    SendLimits(JdbcClient jdbc, MfaSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Whether one more text or call may go to {@code phone} for {@code account} from
     * {@code addressHash}; counts a refusal in the {@code channel}'s metric. Call it in the
     * transaction that records the send: it locks the account, so two clicks cannot both pass.
     */
    Optional<Sent> refusal(String channel, AccountId account, PhoneNumber phone, byte[] addressHash, Instant now) {
        String country = countryOf(phone);
        if (!settings.textsAllowedTo(country)) {
            count(channel, "blocked", "country");
            return Optional.of(new Sent.CountryBlocked());
        }
        jdbc.sql("SELECT 1 FROM account WHERE id = ? FOR UPDATE").param(account.value()).query(Integer.class).optional();
        long recent = jdbc.sql("SELECT count(*) FROM mfa_send WHERE account_id = ? AND created_at > ?")
                .params(account.value(), Timestamp.from(now.minus(settings.sendWindow()))).query(Long.class).single();
        if (recent >= settings.sendsPerWindow()) {
            count(channel, "limited", "account");
            return Optional.of(new Sent.TooMany());
        }
        Timestamp since = Timestamp.from(now.minus(settings.limitWindow()));
        if (sentSince("number_e164", phone.e164(), since) >= settings.sendsPerNumber()) {
            count(channel, "limited", "number");
            return Optional.of(new Sent.TooMany());
        }
        if (sentSince("client_address_hash", addressHash, since) >= settings.sendsPerAddress()) {
            count(channel, "limited", "address");
            return Optional.of(new Sent.TooMany());
        }
        if (sentSince("country", country, since) >= settings.sendsPerCountry()) {
            count(channel, "limited", "country");
            return Optional.of(new Sent.TooMany());
        }
        return Optional.empty();
    }

    /** Counts one that went out. */
    void sent(String channel, String purpose) {
        count(channel, "sent", purpose);
    }

    private long sentSince(String column, Object value, Timestamp since) {
        // The column is one of three fixed names, never input.
        return jdbc.sql("SELECT count(*) FROM mfa_send WHERE " + column + " = ? AND created_at > ?")
                .params(value, since).query(Long.class).single();
    }

    /** Metrics: caregate.mfa.texts / caregate.mfa.calls {outcome=sent|limited|blocked, reason=...}. */
    private void count(String channel, String outcome, String reason) {
        Counter.builder("caregate.mfa." + channel)
                .description("Second-factor texts or calls: sent, limited or blocked, and why")
                .tag("outcome", outcome).tag("reason", reason).register(meters).increment();
    }

    /** The client address, kept only as a hash. */
    static byte[] addressHash(String clientAddress) {
        return sha256(("address:" + clientAddress).getBytes(StandardCharsets.UTF_8));
    }

    /** The ISO 3166 region of a number ("US", "ES"), or "ZZ" when the numbering plan does not say. */
    static String countryOf(PhoneNumber phone) {
        try {
            var parsed = PHONES.parse(phone.e164(), "ZZ");
            String region = PHONES.getRegionCodeForNumber(parsed);
            return region == null ? "ZZ" : region;
        } catch (NumberParseException e) {
            return "ZZ";
        }
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
