package org.caregate.notify.outbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The outbox worker that runs on every node.
 *
 * @param enabled whether this node runs the worker on a schedule (tests drive it by hand)
 * @param delay the pause between one run's end and the next run
 * @param batchSize how many messages one run claims at most
 * @param lease how long a claim keeps other nodes off a message; must be well above the providers'
 *     time-outs, since a node still sending when it ends could send the message twice
 * @param maxAttempts attempts before a message is given up as FAILED
 * @param firstRetry the wait after the first failed attempt; it doubles after each further failure
 * @param maxRetry the longest wait between attempts
 * @param nodeId how this node names itself in {@code claimed_by}; blank means host name and process id
 */
@ConfigurationProperties("caregate.notify.worker")
record WorkerSettings(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration delay,
        @DefaultValue("20") int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("30s") Duration firstRetry,
        @DefaultValue("30m") Duration maxRetry,
        @Nullable String nodeId) {

    WorkerSettings {
        if (batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("caregate.notify.worker batch-size and max-attempts must be at least 1");
        }
        if (!lease.isPositive() || !firstRetry.isPositive() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException(
                    "caregate.notify.worker lease and first-retry must be positive, max-retry at least first-retry");
        }
        if (!StringUtils.hasText(nodeId)) {
            String host = System.getenv().getOrDefault("HOSTNAME", "node");
            nodeId = host + "-" + ProcessHandle.current().pid();
        }
    }

    /** The wait after {@code failedAttempts} failures: first-retry, doubled for each further one, capped. */
    Duration retryDelay(int failedAttempts) {
        int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
        Duration delay = firstRetry.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetry) > 0 ? maxRetry : delay;
    }

    String node() {
        return nodeId == null ? "node" : nodeId;
    }
}
