package org.caregate.session;

import java.time.Instant;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;

/**
 * Something about how an account signs in that its owner should see in their sign-in history
 * (second factors added, removed, reset or failed; a remembered browser let in). Published by the
 * module it happened in; the history records it in the publisher's transaction, if there is one.
 *
 * @param userAgent the browser's User-Agent, when a browser did it; {@code null} for a phone call
 *     or a support agent
 * @param method how: a second-factor kind ({@code TEXT_MESSAGE}, {@code PHONE_CALL},
 *     {@code AUTHENTICATOR_APP}, {@code RECOVERY_CODE}), {@code SUPPORT}, or a sign-in method
 */
public record AccountEvent(AccountId accountId, Instant at, @Nullable String userAgent, String method, What what) {

    /** What happened. */
    public enum What {
        SECOND_FACTOR_FAILED,
        SECOND_FACTOR_ADDED,
        SECOND_FACTOR_REMOVED,
        SECOND_FACTORS_RESET,
        REMEMBERED_DEVICE_USED,
        /** A passkey of the account was offered but its signature, origin or face/fingerprint check failed. */
        PASSKEY_REFUSED,
        /** A passkey's signature counter went backwards: it may have been copied, and no longer signs in. */
        PASSKEY_FLAGGED
    }

    /** Leaves out the User-Agent, which is not needed to trace an event. */
    @Override
    public String toString() {
        return "AccountEvent[accountId=" + accountId + ", what=" + what + ", method=" + method + "]";
    }
}
