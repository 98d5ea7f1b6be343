package org.caregate.identity.throttle;

import java.time.Clock;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes throttle rows that no longer change any verdict: address buckets that have refilled and
 * account pools whose failures and last lock are out of the window. Every node runs it; the deletes
 * are idempotent.
 */
@Component
class ThrottleCleanup {

    private static final int BATCH = 1000;

    private final AccountPools pools;
    private final AddressBuckets addresses;
    private final SignInThrottleSettings settings;
    private final Clock clock;

    ThrottleCleanup(AccountPools pools, AddressBuckets addresses, SignInThrottleSettings settings, Clock clock) {
        this.pools = pools;
        this.addresses = addresses;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${caregate.sign-in.throttle.cleanup-delay:5m}",
            initialDelayString = "${caregate.sign-in.throttle.cleanup-delay:5m}")
    void run() {
        pools.forget(clock.instant().minus(settings.failureWindow()));
        // Bucket4j compares its expiry with the system clock, not ours; in production they agree.
        while (addresses.removeFull(BATCH) == BATCH) {
            // Another batch: a busy hour can leave many full buckets.
        }
    }
}
