package org.caregate.identity;

import java.time.Instant;

/**
 * An account's password changed. Listeners sign the person out everywhere (after a reset) and tell
 * them by e-mail or text, so a change they did not make does not go unnoticed.
 */
public record PasswordChanged(AccountId accountId, Instant at, How how) {

    public enum How {
        /** The person changed it while signed in. */
        CHANGED,
        /** With a reset link or code. */
        RESET
    }
}
