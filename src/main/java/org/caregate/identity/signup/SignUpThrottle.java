package org.caregate.identity.signup;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Limits sign-up attempts per client address and per person (organisation, date of birth, family
 * name), with Bucket4j token buckets in PostgreSQL so every node counts together. Each attempt takes
 * a token from both; tokens come back gradually over the window, so nobody is locked out for longer
 * than it. Bucket keys are SHA-256 digests: no address, name or birth date is kept.
 */
@Component
class SignUpThrottle {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration perPerson;
    private final BucketConfiguration perAddress;

    SignUpThrottle(DataSource dataSource, Clock clock, SignUpSettings settings) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("signup_throttle_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // Time from our Clock, so tests move it.
                .clientClock(new ClockTimeMeter(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        this.perPerson = limit(settings.attemptsPerPerson(), settings.attemptWindow());
        this.perAddress = limit(settings.attemptsPerAddress(), settings.attemptWindow());
    }

    /**
     * Counts one attempt unless either limit is reached.
     *
     * @return zero when the attempt may go ahead (and was counted); otherwise how long to wait
     */
    Duration attempt(String clientAddress, String organizationId, LocalDate dateOfBirth, String familyName) {
        BucketProxy address = buckets.builder().build("a:" + sha256(clientAddress), () -> perAddress);
        BucketProxy person = buckets.builder().build(
                "p:" + sha256(organizationId + "|" + dateOfBirth + "|" + NameMatch.key(familyName)), () -> perPerson);
        Duration wait = max(waitFor(address), waitFor(person));
        if (!wait.isZero()) {
            return wait;
        }
        address.tryConsume(1);
        person.tryConsume(1);
        return Duration.ZERO;
    }

    /** Deletes buckets that are full again: they no longer change any answer. */
    @Scheduled(fixedDelayString = "${caregate.sign-up.cleanup-delay:5m}", initialDelayString = "${caregate.sign-up.cleanup-delay:5m}")
    void removeFull() {
        while (buckets.removeExpired(500) >= 500) {
            // Keep going until a batch comes back short.
        }
    }

    private static Duration waitFor(BucketProxy bucket) {
        EstimationProbe probe = bucket.estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static BucketConfiguration limit(int attempts, Duration window) {
        return BucketConfiguration.builder().addLimit(l -> l.capacity(attempts).refillGreedy(attempts, window)).build();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bucket4j's view of our {@link Clock}, in nanoseconds since the epoch. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
