package org.caregate.mfa.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.internal.TextCodes.Purpose;
import org.caregate.notify.CallEnded;
import org.caregate.notify.KeyPressCall;
import org.caregate.notify.KeyPressed;
import org.caregate.notify.Notifications;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The second factor by phone call, which reaches landlines too: the call names the organisation and
 * asks for one key, chosen at random per call; pressing it approves the sign-in attempt (or proves
 * the phone, when setting it up) that placed the call, and only that attempt. A wrong key, no key,
 * no answer or a call older than {@code caregate.mfa.code-lifetime} fails it, and the page offers to
 * call again. Calls share the texts' limits ({@link SendLimits}) and their wait between sends.
 *
 * <p>The person's page asks {@link #state} (polling, or the no-JavaScript "Continue" button); the
 * provider's verified webhook reports the key through notify's {@link KeyPressed} and
 * {@link CallEnded} events.
 */
@Service
public class KeyPressCalls {

    private static final Duration KEPT = Duration.ofDays(1);

    /** Where a sign-in attempt's latest call stands. */
    public enum State {
        /** No call for this attempt yet. */
        NONE,
        /** Ringing or waiting for the key. */
        CALLING,
        /** The right key was pressed: the attempt may go on. */
        APPROVED,
        /** The call is over without the right key, or ran out of time: call again. */
        FAILED
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final MessageSource messages;
    private final MfaSettings settings;
    private final SendLimits limits;
    private final FactorHistory history;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    KeyPressCalls(JdbcClient jdbc, Notifications notifications, MessageSource messages, MfaSettings settings,
            SendLimits limits, FactorHistory history, Clock clock) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.limits = limits;
        this.history = history;
        this.clock = clock;
    }

    /**
     * Calls {@code phone} for this attempt, retiring the attempt's earlier calls.
     *
     * @param organizationName said first, so the person knows who is calling
     * @param supportPhone said last, for someone who is not signing in
     */
    @Transactional
    public Sent call(AccountId account, String attempt, Purpose purpose, PhoneNumber phone, String organizationName,
            String supportPhone, Locale locale, String clientAddress) {
        Instant now = clock.instant();
        byte[] attemptHash = hash(attempt);
        byte[] addressHash = SendLimits.addressHash(clientAddress);
        Optional<Sent> refused = limits.refusal("calls", account, phone, addressHash, now);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Instant> last = jdbc.sql("SELECT max(created_at) FROM mfa_call WHERE attempt_hash = ?")
                .param(attemptHash).query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (last.isPresent() && last.get().plus(settings.resendAfter()).isAfter(now)) {
            return new Sent.TooSoon(Duration.between(now, last.get().plus(settings.resendAfter())));
        }
        jdbc.sql("UPDATE mfa_call SET state = 'RETIRED' WHERE attempt_hash = ? AND state IN ('CALLING', 'APPROVED')")
                .param(attemptHash).update();
        UUID ref = UUID.randomUUID();
        String key = Integer.toString(1 + random.nextInt(9));
        jdbc.sql("""
                INSERT INTO mfa_call (id, account_id, attempt_hash, purpose, number_e164, kind, expected_key, created_at,
                    expires_at, client_address_hash, country)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(ref, account.value(), attemptHash, purpose.name(), phone.e164(), phone.kind().name(), key,
                Timestamp.from(now), Timestamp.from(now.plus(settings.codeLifetime())), addressHash,
                SendLimits.countryOf(phone)).update();
        String prompt = messages.getMessage(purpose == Purpose.ENROL ? "mfa.call.prompt.enrol" : "mfa.call.prompt.signIn",
                new Object[] {organizationName, key, supportPhone}, locale);
        notifications.queue(new KeyPressCall(ref, phone.e164(), prompt, locale));
        limits.sent("calls", purpose.name().toLowerCase(Locale.ROOT));
        return new Sent.Yes(phone);
    }

    /** Where the attempt's latest call for {@code purpose} stands. */
    public State state(String attempt, Purpose purpose) {
        return latest(attempt, purpose).map(call -> call.state(clock.instant())).orElse(State.NONE);
    }

    /**
     * Uses up the attempt's approval, once: returns the number that approved it (the phone to save,
     * when setting one up), or nothing when there is no live approval.
     */
    @Transactional
    public Optional<PhoneNumber> useApproval(String attempt, Purpose purpose) {
        return jdbc.sql("""
                UPDATE mfa_call SET state = 'USED'
                 WHERE attempt_hash = ? AND purpose = ? AND state = 'APPROVED' AND expires_at > ?
                RETURNING number_e164, kind
                """).params(hash(attempt), purpose.name(), Timestamp.from(clock.instant()))
                .query((rs, row) -> new PhoneNumber(rs.getString("number_e164"), PhoneKind.valueOf(rs.getString("kind"))))
                .optional();
    }

    /** A key was pressed: the right one approves the call's attempt, any other fails it. Late keys change nothing. */
    @EventListener
    @Transactional
    void keyPressed(KeyPressed pressed) {
        Instant now = clock.instant();
        jdbc.sql("""
                SELECT account_id, purpose, expected_key FROM mfa_call
                 WHERE id = ? AND state = 'CALLING' AND expires_at > ? FOR UPDATE""")
                .params(pressed.call(), Timestamp.from(now))
                .query((rs, row) -> new Waiting(new AccountId(rs.getObject("account_id", UUID.class)),
                        Purpose.valueOf(rs.getString("purpose")), rs.getString("expected_key")))
                .optional()
                .ifPresent(waiting -> {
                    boolean right = MessageDigest.isEqual(waiting.expectedKey().getBytes(StandardCharsets.US_ASCII),
                            pressed.keys().getBytes(StandardCharsets.US_ASCII));
                    jdbc.sql("UPDATE mfa_call SET state = ?, decided_at = ? WHERE id = ?")
                            .params(right ? "APPROVED" : "WRONG_KEY", Timestamp.from(now), pressed.call()).update();
                    if (!right && waiting.purpose() == Purpose.SIGN_IN) {
                        history.failed(waiting.account(), SecondFactorKind.PHONE_CALL);
                    }
                });
    }

    /** A call that ends while still waiting failed: nothing was pressed, or nobody answered. */
    @EventListener
    @Transactional
    void callEnded(CallEnded ended) {
        String state = switch (ended.how()) {
            case ANSWERED -> "NO_KEY";
            case NOT_ANSWERED -> "NOT_ANSWERED";
            case FAILED -> "FAILED";
        };
        jdbc.sql("""
                UPDATE mfa_call SET state = ?, decided_at = ? WHERE id = ? AND state = 'CALLING'
                RETURNING account_id, purpose""")
                .params(state, Timestamp.from(clock.instant()), ended.call())
                .query((rs, row) -> new Waiting(new AccountId(rs.getObject("account_id", UUID.class)),
                        Purpose.valueOf(rs.getString("purpose")), ""))
                .optional()
                .filter(call -> call.purpose() == Purpose.SIGN_IN)
                .ifPresent(failed -> history.failed(failed.account(), SecondFactorKind.PHONE_CALL));
    }

    /** Calls are of no use after a day; the limits look back an hour at most. */
    @Scheduled(cron = "${caregate.mfa.clean-up-cron:0 23 * * * *}")
    @Transactional
    void forgetOldCalls() {
        jdbc.sql("DELETE FROM mfa_call WHERE created_at < ?").param(Timestamp.from(clock.instant().minus(KEPT))).update();
    }

    private Optional<Call> latest(String attempt, Purpose purpose) {
        return jdbc.sql("""
                SELECT number_e164, kind, state, expires_at FROM mfa_call
                 WHERE attempt_hash = ? AND purpose = ? AND state <> 'RETIRED'
                 ORDER BY created_at DESC LIMIT 1
                """).params(hash(attempt), purpose.name())
                .query((rs, row) -> new Call(
                        new PhoneNumber(rs.getString("number_e164"), PhoneKind.valueOf(rs.getString("kind"))),
                        rs.getString("state"), rs.getTimestamp("expires_at").toInstant()))
                .optional();
    }

    private record Waiting(AccountId account, Purpose purpose, String expectedKey) {}

    private record Call(PhoneNumber phone, String state, Instant expiresAt) {

        State state(Instant now) {
            return switch (state) {
                case "CALLING" -> now.isBefore(expiresAt) ? State.CALLING : State.FAILED;
                case "APPROVED" -> now.isBefore(expiresAt) ? State.APPROVED : State.FAILED;
                default -> State.FAILED;
            };
        }
    }

    private static byte[] hash(String attempt) {
        return SendLimits.sha256(attempt.getBytes(StandardCharsets.UTF_8));
    }
}
