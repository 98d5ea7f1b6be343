package org.caregate.identity.throttle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code identity_throttle_account_pools} table: failures and locks of one account in one
 * device pool. Each method is one statement, so a sign-in costs few round trips next to its
 * password hash.
 */
@Repository
class AccountPools {

    /** A pool's counters; {@code failures} as stored, still to be judged against the failure window. */
    record Pool(int failures, @Nullable Instant firstFailureAt, @Nullable Instant lastFailureAt, int locks,
            @Nullable Instant lockedUntil) {

        static final Pool NONE = new Pool(0, null, null, 0, null);

        boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** The pool, and whether the client address has a token bucket that is not full (so may be empty). */
    record Seen(Pool pool, boolean addressCounted) {}

    // One round trip for the whole check. The address is looked up in Bucket4j's table only to skip
    // Bucket4j entirely for an address without recent failures (no row: its bucket is full).
    private static final String CHECK = """
            SELECT p.failures, p.first_failure_at, p.last_failure_at, p.locks, p.locked_until,
                   EXISTS (SELECT 1 FROM identity_throttle_address_buckets b WHERE b.id = :address) AS address_counted
              FROM (SELECT 1) AS one
              LEFT JOIN identity_throttle_account_pools p ON p.account_key = :account AND p.pool = :pool""";

    // Counts a failure, unless the pool is locked (an attempt that raced the lock). A run starts
    // again after a lock (failures were set to 0) or once its first failure is out of the window.
    // The row lock taken by the upsert makes failures from every node count one after the other.
    private static final String COUNT_FAILURE = """
            INSERT INTO identity_throttle_account_pools AS t
                   (account_key, pool, failures, first_failure_at, last_failure_at)
            VALUES (:account, :pool, 1, :now, :now)
            ON CONFLICT (account_key, pool) DO UPDATE SET
              failures = CASE WHEN t.locked_until > :now THEN t.failures
                              WHEN t.failures = 0 OR t.first_failure_at <= :windowStart THEN 1
                              ELSE t.failures + 1 END,
              first_failure_at = CASE WHEN t.locked_until > :now THEN t.first_failure_at
                                      WHEN t.failures = 0 OR t.first_failure_at <= :windowStart THEN :now
                                      ELSE t.first_failure_at END,
              last_failure_at = CASE WHEN t.locked_until > :now THEN t.last_failure_at ELSE :now END
            RETURNING failures, first_failure_at, last_failure_at, locks, locked_until""";

    // Compare-and-set on the previous lock, so of failures racing past the limit exactly one starts
    // the lock (and publishes it).
    private static final String LOCK = """
            UPDATE identity_throttle_account_pools
               SET failures = 0, locks = :locks, locked_until = :until
             WHERE account_key = :account AND pool = :pool
               AND locked_until IS NOT DISTINCT FROM :previousUntil""";

    private static final String CLEAR_POOL = """
            DELETE FROM identity_throttle_account_pools WHERE account_key = :account AND pool = :pool""";

    private static final String CLEAR_ACCOUNT = """
            DELETE FROM identity_throttle_account_pools WHERE account_key = :account""";

    // Rows whose failures are out of the window and whose last lock is too long ago to make the next
    // one longer: deleting them changes no verdict.
    private static final String FORGET = """
            DELETE FROM identity_throttle_account_pools
             WHERE last_failure_at <= :windowStart AND (locked_until IS NULL OR locked_until <= :windowStart)""";

    private final JdbcClient jdbc;

    AccountPools(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Seen check(String account, String pool, @Nullable String address) {
        return jdbc.sql(CHECK)
                .param("account", account)
                .param("pool", pool)
                .param("address", address)
                .query((rs, row) -> new Seen(
                        rs.getObject("failures") == null ? Pool.NONE : pool(rs), rs.getBoolean("address_counted")))
                .single();
    }

    Pool countFailure(String account, String pool, Instant now, Instant windowStart) {
        return jdbc.sql(COUNT_FAILURE)
                .param("account", account)
                .param("pool", pool)
                .param("now", utc(now))
                .param("windowStart", utc(windowStart))
                .query((rs, row) -> pool(rs))
                .single();
    }

    /** Locks the pool unless another attempt changed its lock since {@code previousUntil}; true if this call locked it. */
    boolean lock(String account, String pool, int locks, Instant until, @Nullable Instant previousUntil) {
        return jdbc.sql(LOCK)
                .param("account", account)
                .param("pool", pool)
                .param("locks", locks)
                .param("until", utc(until))
                .param("previousUntil", previousUntil == null ? null : utc(previousUntil), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .update() == 1;
    }

    void clear(String account, String pool) {
        jdbc.sql(CLEAR_POOL).param("account", account).param("pool", pool).update();
    }

    void clearAccount(String account) {
        jdbc.sql(CLEAR_ACCOUNT).param("account", account).update();
    }

    int forget(Instant windowStart) {
        return jdbc.sql(FORGET).param("windowStart", utc(windowStart)).update();
    }

    private static Pool pool(ResultSet rs) throws SQLException {
        return new Pool(rs.getInt("failures"), instant(rs, "first_failure_at"), instant(rs, "last_failure_at"),
                rs.getInt("locks"), instant(rs, "locked_until"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
