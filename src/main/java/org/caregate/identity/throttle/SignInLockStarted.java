package org.caregate.identity.throttle;

import java.time.Instant;

/**
 * Too many failed sign-ins locked an account for a while (for one device pool). Published once per
 * lock; password-reset code retires the reset links requested before {@code at}.
 *
 * @param accountKey the throttle's key for the account ({@link ThrottleKeys#account()})
 * @param at when the lock started
 * @param until when it ends on its own
 */
public record SignInLockStarted(String accountKey, Instant at, Instant until) {}
