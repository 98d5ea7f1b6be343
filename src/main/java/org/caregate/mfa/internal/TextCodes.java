package org.caregate.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Six-digit codes sent by text message. A code comes from {@code SecureRandom}, is stored only as a
 * salted SHA-256 hash, works once, for {@code caregate.mfa.code-lifetime} (5 minutes) and
 * {@code code-tries} (5) wrong entries, and only in the sign-in attempt that asked for it: the
 * attempt is a random token kept in that browser's session, of which only a hash is stored.
 * Sending is limited: a wait between codes for one attempt, and a number per account per window.
 */
@Service
public class TextCodes {

    /** What became of a typed code. */
    public enum Checked {
        RIGHT,
        WRONG,
        /** No live code: expired, given up after too many tries, used, or never sent to this attempt. */
        NONE
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final MessageSource messages;
    private final MfaSettings settings;
    private final Clock clock;
    private final SendLimits limits;
    private final SecureRandom random = new SecureRandom();

    TextCodes(JdbcClient jdbc, Notifications notifications, MessageSource messages, MfaSettings settings, Clock clock,
            SendLimits limits) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.limits = limits;
    }

    private static final SecureRandom TOKENS = new SecureRandom();
    private static final Duration KEPT = Duration.ofDays(1);

    /** A new random token for one sign-in attempt, kept in its browser session. */
    public static String newAttemptToken() {
        byte[] bytes = new byte[32];
        TOKENS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Sends a new code to {@code phone} for this attempt, retiring the attempt's earlier codes.
     *
     * @param organizationName named in the message, so the person knows who is asking
     */
    @Transactional
    public Sent send(AccountId account, String attempt, Purpose purpose, PhoneNumber phone, String organizationName,
            Locale locale, String clientAddress) {
        Instant now = clock.instant();
        byte[] attemptHash = sha256(attempt.getBytes(StandardCharsets.UTF_8));
        String country = SendLimits.countryOf(phone);
        byte[] addressHash = SendLimits.addressHash(clientAddress);
        Optional<Sent> refused = limits.refusal("texts", account, phone, addressHash, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        // The wait between codes is per attempt and per channel: "call me instead" right after a text is fine.
        Optional<Instant> last = jdbc.sql("SELECT max(created_at) FROM mfa_text_code WHERE attempt_hash = ?")
                .param(attemptHash).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (last.isPresent() && last.get().plus(settings.resendAfter()).isAfter(now)) {
            return new Sent.TooSoon(Duration.between(now, last.get().plus(settings.resendAfter())));
        }
        jdbc.sql("UPDATE mfa_text_code SET used_at = ? WHERE attempt_hash = ? AND used_at IS NULL")
                .params(Timestamp.from(now), attemptHash).update();
        String code = "%06d".formatted(random.nextInt(1_000_000));
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        jdbc.sql("""
                INSERT INTO mfa_text_code (id, account_id, attempt_hash, purpose, number_e164, salt, code_hash, created_at,
                    expires_at, client_address_hash, country)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(UUID.randomUUID(), account.value(), attemptHash, purpose.name(), phone.e164(), salt,
                hash(salt, code), Timestamp.from(now), Timestamp.from(now.plus(settings.codeLifetime())), addressHash,
                country).update();
        String body = messages.getMessage("mfa.text.body",
                new Object[] {code, organizationName, settings.codeLifetime().toMinutes()}, locale);
        notifications.queue(OutgoingMessage.text(phone.e164(), body));
        limits.sent("texts", purpose.name().toLowerCase(Locale.ROOT));
        return new Sent.Yes(phone);
    }

    /**
     * Codes and the limits' counts are of no use after a day; the client address is kept only as a
     * hash and only that long.
     */
    @Scheduled(cron = "${caregate.mfa.clean-up-cron:0 23 * * * *}")
    @Transactional
    void forgetOldCodes() {
        jdbc.sql("DELETE FROM mfa_text_code WHERE created_at < ?").param(Timestamp.from(clock.instant().minus(KEPT))).update();
    }

    /** Checks a typed code against the attempt's live code; a right one is used up. */
    @Transactional
    public Checked check(String attempt, Purpose purpose, String typed) {
        Instant now = clock.instant();
        byte[] attemptHash = sha256(attempt.getBytes(StandardCharsets.UTF_8));
        var live = jdbc.sql("""
                SELECT id, salt, code_hash FROM mfa_text_code
                WHERE attempt_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? AND tries < ?
                ORDER BY created_at DESC LIMIT 1 FOR UPDATE
                """).params(attemptHash, purpose.name(), Timestamp.from(now), settings.codeTries())
                .query((rs, row) -> new Live(rs.getObject("id", UUID.class), rs.getBytes("salt"), rs.getBytes("code_hash")))
                .optional();
        if (live.isEmpty()) {
            return Checked.NONE;
        }
        String digits = typed.replaceAll("[\\s-]", "");
        boolean right = digits.matches("\\d{6}") && MessageDigest.isEqual(hash(live.get().salt(), digits), live.get().hash());
        if (right) {
            jdbc.sql("UPDATE mfa_text_code SET used_at = ? WHERE id = ?").params(Timestamp.from(now), live.get().id()).update();
            return Checked.RIGHT;
        }
        jdbc.sql("UPDATE mfa_text_code SET tries = tries + 1 WHERE id = ?").param(live.get().id()).update();
        return Checked.WRONG;
    }

    /** The number the attempt's newest code went to, while one is live. */
    public Optional<PhoneNumber> liveCodeSentTo(String attempt, Purpose purpose) {
        return jdbc.sql("""
                SELECT number_e164 FROM mfa_text_code
                WHERE attempt_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ? AND tries < ?
                ORDER BY created_at DESC LIMIT 1
                """).params(sha256(attempt.getBytes(StandardCharsets.UTF_8)), purpose.name(), Timestamp.from(clock.instant()),
                settings.codeTries())
                .query((rs, row) -> new PhoneNumber(rs.getString(1), PhoneKind.MOBILE)).optional();
    }

    /** Wrong entries left on the attempt's live code. */
    public int triesLeft(String attempt, Purpose purpose) {
        return jdbc.sql("""
                SELECT tries FROM mfa_text_code
                WHERE attempt_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?
                ORDER BY created_at DESC LIMIT 1
                """).params(sha256(attempt.getBytes(StandardCharsets.UTF_8)), purpose.name(), Timestamp.from(clock.instant()))
                .query(Integer.class).optional().map(tries -> Math.max(0, settings.codeTries() - tries)).orElse(0);
    }

    /** What a code is for. */
    public enum Purpose {
        SIGN_IN,
        ENROL
    }

    private record Live(UUID id, byte[] salt, byte[] hash) {}

    private static byte[] hash(byte[] salt, String code) {
        byte[] codeBytes = code.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[salt.length + codeBytes.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(codeBytes, 0, input, salt.length, codeBytes.length);
        return sha256(input);
    }

    private static byte[] sha256(byte[] input) {
        return SendLimits.sha256(input);
    }
}
