package org.caregate.identity.throttle;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How hard the sign-in throttle pushes back. Per account (and device pool): free failures, then
 * waits that double, then a temporary lock; per client address: a soft limit that only slows down.
 *
 * @param freeFailures failures that cost nothing, for typing mistakes
 * @param firstDelay the wait after the first failure beyond the free ones; it doubles with each further failure
 * @param maxDelay the longest such wait
 * @param lockAfter failures within {@code failureWindow} that lock the account for this device pool
 * @param failureWindow how long failures count, from the first of a run; also how soon a new lock
 *     must follow the end of the previous one to count as recurring
 * @param lockDuration the first lock's length; a recurring lock lasts twice as long as the one before
 * @param maxLock the longest lock: no lock is ever permanent
 * @param addressLimit failures one client address may have in {@code addressWindow} before its
 *     attempts must wait (never a lock: a clinic or care home shares one address)
 * @param addressWindow the time in which the address limit refills completely, steadily
 * @param cleanupDelay the pause between clean-ups of rows that no longer change any verdict
 */
@ConfigurationProperties("caregate.sign-in.throttle")
record SignInThrottleSettings(
        @DefaultValue("3") int freeFailures,
        @DefaultValue("30s") Duration firstDelay,
        @DefaultValue("5m") Duration maxDelay,
        @DefaultValue("10") int lockAfter,
        @DefaultValue("1h") Duration failureWindow,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("1h") Duration maxLock,
        @DefaultValue("30") int addressLimit,
        @DefaultValue("10m") Duration addressWindow,
        @DefaultValue("5m") Duration cleanupDelay) {

    SignInThrottleSettings {
        if (freeFailures < 0 || lockAfter <= freeFailures || addressLimit < 1) {
            throw new IllegalArgumentException("caregate.sign-in.throttle: free-failures must be at least 0, "
                    + "lock-after above free-failures, address-limit at least 1");
        }
        if (!firstDelay.isPositive() || maxDelay.compareTo(firstDelay) < 0 || !failureWindow.isPositive()
                || !lockDuration.isPositive() || maxLock.compareTo(lockDuration) < 0 || !addressWindow.isPositive()) {
            throw new IllegalArgumentException("caregate.sign-in.throttle: durations must be positive, "
                    + "max-delay at least first-delay, max-lock at least lock-duration");
        }
    }

    /** The wait before the next attempt after {@code failures} failures in a row (zero while they are free). */
    Duration delayAfter(int failures) {
        if (failures <= freeFailures) {
            return Duration.ZERO;
        }
        return doubled(firstDelay, failures - freeFailures - 1, maxDelay);
    }

    /** The length of the {@code locksInARow}-th lock in a row (the first is 1). */
    Duration lockLength(int locksInARow) {
        return doubled(lockDuration, locksInARow - 1, maxLock);
    }

    private static Duration doubled(Duration first, int doublings, Duration max) {
        Duration duration = first.multipliedBy(1L << Math.min(Math.max(doublings, 0), 30));
        return duration.compareTo(max) > 0 ? max : duration;
    }
}
