package org.caregate.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A sign-in to a known account failed: wrong password, or refused by the throttle. Sign-ins with
 * unknown usernames publish nothing, as they belong to nobody's history.
 */
public record SignInFailed(
        AccountId accountId, SignInMethod method, Instant at, Reason reason, @Nullable String userAgent) {

    public enum Reason {
        WRONG_PASSWORD,
        THROTTLED,
        LOCKED
    }
}
