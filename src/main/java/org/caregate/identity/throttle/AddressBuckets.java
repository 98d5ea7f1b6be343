package org.caregate.identity.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per client address, in PostgreSQL: each failed sign-in from the address
 * takes a token, and tokens flow back steadily, so the counter drains on its own and an address
 * shared by a whole clinic is only ever slowed down.
 */
@Component
class AddressBuckets {

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    AddressBuckets(DataSource dataSource, Clock clock, SignInThrottleSettings settings) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("identity_throttle_address_buckets")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                // Time from our Clock, so tests move it; expires_at only tells the clean-up what it may delete.
                .clientClock(new ClockTimeMeter(clock))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO))
                .build();
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(settings.addressLimit())
                        .refillGreedy(settings.addressLimit(), settings.addressWindow()))
                .build();
    }

    /** How long attempts from this address must wait; zero when one may go ahead now. */
    Duration waitBeforeNext(String address) {
        EstimationProbe probe = bucket(address).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /** Counts a failure from this address; returns how long the next attempt from it must wait. */
    Duration failed(String address) {
        ConsumptionProbe probe = bucket(address).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            return Duration.ofNanos(probe.getNanosToWaitForRefill());
        }
        return probe.getRemainingTokens() > 0 ? Duration.ZERO : waitBeforeNext(address);
    }

    /** Deletes buckets that have refilled completely; returns how many. */
    int removeFull(int batchSize) {
        return buckets.removeExpired(batchSize);
    }

    private BucketProxy bucket(String address) {
        return buckets.builder().build(address, () -> configuration);
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
