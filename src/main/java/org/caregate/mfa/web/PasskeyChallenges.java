package org.caregate.mfa.web;

import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.mfa.internal.Passkeys;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The WebAuthn challenges a browser was given, one per purpose, kept in its session (so in
 * PostgreSQL, for any node): each answers once and for 5 minutes, and only for the account it was
 * made for, if any.
 */
@Component
@ConditionalOnWebApplication
class PasskeyChallenges {

    /** What a challenge is for: a sign-in, the step after a password, or a new passkey. */
    enum Purpose { SIGN_IN, STEP, REGISTER }

    /** Far more than any real answer (a few hundred bytes of Base64 plus the key's signature). */
    static final int MAX_ANSWER = 16_384;

    /** Longer than the browser's own time-out in the options. */
    static final Duration LIFETIME = Passkeys.TIMEOUT.plusSeconds(30);

    private record Issued(byte[] challenge, @Nullable AccountId account, Instant at) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    private final Passkeys passkeys;
    private final Clock clock;

    PasskeyChallenges(Passkeys passkeys, Clock clock) {
        this.passkeys = passkeys;
        this.clock = clock;
    }

    /** A new challenge for this purpose, replacing an earlier one. */
    byte[] issue(HttpSession session, Purpose purpose, @Nullable AccountId account) {
        byte[] challenge = passkeys.newChallenge();
        session.setAttribute(key(purpose), new Issued(challenge, account, clock.instant()));
        return challenge;
    }

    /**
     * The challenge given for this purpose (and account), once: it is forgotten now, whatever the
     * answer. Empty also when the browser's answer is missing or longer than {@link #MAX_ANSWER}.
     */
    Optional<byte[]> take(HttpSession session, Purpose purpose, @Nullable AccountId account, String answer) {
        Object issued = session.getAttribute(key(purpose));
        session.removeAttribute(key(purpose));
        if (answer.isBlank() || answer.length() > MAX_ANSWER) {
            return Optional.empty();
        }
        if (issued instanceof Issued given && !given.at().plus(LIFETIME).isBefore(clock.instant())
                && (account == null ? given.account() == null : account.equals(given.account()))) {
            return Optional.of(given.challenge());
        }
        return Optional.empty();
    }

    private static String key(Purpose purpose) {
        return "caregate.passkey.challenge." + purpose.name();
    }
}
