package org.caregate.identity.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.caregate.identity.throttle.AccountPools.Pool;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down password guessing: per account firmly, per client address softly, never permanently.
 *
 * <ul>
 *   <li>Per account and device pool: the first failures are free, then each further attempt waits
 *       longer, and enough failures within the window lock the pool for a while; a lock that
 *       recurs soon after the previous one lasts longer, up to a maximum. A browser that has signed
 *       in to the account before has a pool of its own, so an attacker elsewhere cannot lock the
 *       patient out of their usual browser.
 *   <li>Per client address: many failures make further attempts wait, never lock (a clinic or care
 *       home signs in from one address); recognised devices are exempt.
 * </ul>
 *
 * <p>{@link Verdict.Locked} beats {@link Verdict.Wait} beats {@link Verdict.Allowed}. Counters live in
 * PostgreSQL, so every node sees the same. Call {@link #check} before checking a password, then
 * {@link #failed} or {@link #succeeded}. Call it outside a transaction: the address counters run in
 * Bucket4j's own transactions on a second pooled connection, and a failure must count even when the
 * caller's work is rolled back.
 *
 * <p>Round trips: {@code check} 1 statement (plus Bucket4j's 2 when the client address had failures
 * in the last minutes); {@code succeeded} 1; {@code failed} 1 (plus 1 and a commit when it starts a
 * lock) and, for unrecognised browsers, Bucket4j's 3 (select for update, update, commit).
 */
@Component
public class SignInThrottle {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottle.class);

    private final AccountPools pools;
    private final AddressBuckets addresses;
    private final SignInThrottleSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    SignInThrottle(AccountPools pools, AddressBuckets addresses, SignInThrottleSettings settings, Clock clock,
            ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.pools = pools;
        this.addresses = addresses;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Before checking a password. Changes nothing. */
    public Verdict check(ThrottleKeys keys) {
        Instant now = now();
        AccountPools.Seen seen = pools.check(keys.account(), keys.pool(), addressRuleFor(keys));
        Verdict account = verdict(seen.pool(), now);
        if (account instanceof Verdict.Locked || !seen.addressCounted()) {
            return account;
        }
        return strictest(account, waitOrAllowed(addresses.waitBeforeNext(keys.clientAddress())));
    }

    /** After a wrong password (or unknown user): counts the failure and returns the verdict for the next attempt. */
    public Verdict failed(ThrottleKeys keys) {
        Instant now = now();
        Pool pool = pools.countFailure(keys.account(), keys.pool(), now, now.minus(settings.failureWindow()));
        Verdict account = !pool.lockedAt(now) && pool.failures() >= settings.lockAfter()
                ? lock(keys, pool, now)
                : verdict(pool, now);
        if (addressRuleFor(keys) == null) {
            return account;
        }
        return strictest(account, waitOrAllowed(addresses.failed(keys.clientAddress())));
    }

    /** After a correct password: clears the account's failures for this device pool. */
    public void succeeded(ThrottleKeys keys) {
        pools.clear(keys.account(), keys.pool());
    }

    /** Support: clears every account-level counter and lock of this account key (all device pools). */
    public void unlock(String accountKey) {
        pools.clearAccount(accountKey);
        log.info("Sign-in throttle cleared for {}", accountKey);
    }

    /** Failures reached the limit: locks the pool, longer if its previous lock ended within the window. */
    private Verdict lock(ThrottleKeys keys, Pool pool, Instant now) {
        Instant previous = pool.lockedUntil();
        boolean recurring = previous != null && previous.isAfter(now.minus(settings.failureWindow()));
        int locks = recurring ? pool.locks() + 1 : 1;
        Instant until = now.plus(settings.lockLength(locks));
        // The lock and its event in one transaction, so listeners that run after commit see it.
        Boolean started = transaction.execute(status -> {
            if (!pools.lock(keys.account(), keys.pool(), locks, until, previous)) {
                return false;
            }
            events.publishEvent(new SignInLockStarted(keys.account(), now, until));
            return true;
        });
        if (Boolean.TRUE.equals(started)) {
            log.info("Sign-in locked for {} until {} (lock {} in a row)", keys.account(), until, locks);
            return locked(until, now);
        }
        // Another attempt, on this node or another, started the lock a moment ago.
        return verdict(pools.check(keys.account(), keys.pool(), null).pool(), now);
    }

    private Verdict verdict(Pool pool, Instant now) {
        Instant lockedUntil = pool.lockedUntil();
        if (lockedUntil != null && lockedUntil.isAfter(now)) {
            return locked(lockedUntil, now);
        }
        Instant first = pool.firstFailureAt();
        Instant last = pool.lastFailureAt();
        if (pool.failures() == 0 || first == null || last == null
                || !first.isAfter(now.minus(settings.failureWindow()))) {
            return new Verdict.Allowed();
        }
        Duration delay = settings.delayAfter(pool.failures());
        return delay.isZero() ? new Verdict.Allowed() : waitOrAllowed(Duration.between(now, last.plus(delay)));
    }

    /**
     * Now, to the microsecond: PostgreSQL keeps microseconds and rounds the rest, so a failure stored
     * at a nanosecond "now" could read back as a moment in the future and turn into a tiny wait.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** The address rule applies to browsers the account does not recognise; null (no address) otherwise. */
    private static @Nullable String addressRuleFor(ThrottleKeys keys) {
        return keys.recognisedDevice() == null ? keys.clientAddress() : null;
    }

    private static Verdict locked(Instant until, Instant now) {
        return new Verdict.Locked(until, Duration.between(now, until));
    }

    private static Verdict waitOrAllowed(Duration wait) {
        return wait.isPositive() ? new Verdict.Wait(wait) : new Verdict.Allowed();
    }

    /** Locked beats Wait beats Allowed; of two waits, the longer. */
    private static Verdict strictest(Verdict a, Verdict b) {
        return rank(b) > rank(a) || (a instanceof Verdict.Wait wa && b instanceof Verdict.Wait wb
                && wb.retryAfter().compareTo(wa.retryAfter()) > 0) ? b : a;
    }

    private static int rank(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> 0;
            case Verdict.Wait wait -> 1;
            case Verdict.Locked locked -> 2;
        };
    }
}
