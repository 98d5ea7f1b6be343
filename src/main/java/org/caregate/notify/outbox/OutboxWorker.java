package org.caregate.notify.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.caregate.notify.Channel;
import org.caregate.notify.devoutbox.DevOutbox;
import org.caregate.notify.spi.Gateway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds. Runs on every node; each run:
 *
 * <ol>
 *   <li>claims a batch of due messages in one short statement ({@code FOR UPDATE SKIP LOCKED}),
 *       marking them SENDING with this node's id, a fresh claim token and a lease. Messages whose
 *       lease ran out (their node died mid-send) are claimed again, so nothing is lost;
 *   <li>sends each through its channel's {@link Gateway}, outside any transaction, so no database
 *       connection waits on a provider;
 *   <li>records the outcome only if the claim token still matches (a fencing token): SENT, erasing
 *       the body; or back to PENDING with exponential back-off; or FAILED after the last attempt.
 * </ol>
 *
 * <p>While a lease lasts no other node touches the message, so two nodes never send it at once:
 * a send starts only while at least half the lease is left, and providers' time-outs are far
 * shorter than that.
 *
 * <p>The honest limit: a node that dies after the provider accepted a message but before SENT was
 * committed leaves a claim that expires, and another node sends the message once more. E-mails keep
 * one Message-ID per outbox row ({@code <outbox-ID@domain>}) so that mail systems drop the copy.
 *
 * <p>Logs carry the outbox id, channel and outcome only: never the address, subject or body.
 */
@Component
class OutboxWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    private static final int MAX_ERROR = 200;

    private final Outbox outbox;
    private final Map<Channel, Gateway> gateways = new EnumMap<>(Channel.class);
    private final @Nullable DevOutbox devOutbox;
    private final WorkerSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    OutboxWorker(Outbox outbox, List<Gateway> gateways, ObjectProvider<DevOutbox> devOutbox,
            WorkerSettings settings, Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.outbox = outbox;
        for (Gateway gateway : gateways) {
            if (this.gateways.putIfAbsent(gateway.channel(), gateway) != null) {
                throw new IllegalStateException("Two gateways send " + gateway.channel() + "; configure one");
            }
        }
        this.devOutbox = devOutbox.getIfAvailable();
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
        log.info("Outbox worker on node {}: gateways for {}, dev outbox {}", settings.node(),
                this.gateways.keySet(), this.devOutbox == null ? "off" : "on");
    }

    /** One run: claims what is due as this node and sends it. Returns how many messages it claimed. */
    int deliverDue() {
        List<ClaimedMessage> claimed =
                outbox.claim(settings.node(), clock.instant(), settings.lease(), settings.batchSize());
        claimed.forEach(this::deliver);
        return claimed.size();
    }

    private void deliver(ClaimedMessage message) {
        // A long batch can eat into the lease; a send started too late could outlive it.
        if (clock.instant().isAfter(message.leaseUntil().minus(settings.lease().dividedBy(2)))) {
            outbox.release(message);
            log.info("Outbox message {} ({}) handed back unsent: too little of its lease was left",
                    message.id(), message.channel());
            return;
        }
        Gateway gateway = gateways.get(message.channel());
        if (gateway == null && devOutbox == null) {
            failed(message, "no gateway configured for " + message.channel());
            return;
        }
        try {
            if (gateway != null) {
                gateway.send(message.delivery());
            }
        } catch (RuntimeException e) {
            failed(message, describe(e));
            return;
        }
        sent(message);
    }

    private void sent(ClaimedMessage message) {
        Instant now = clock.instant();
        // The dev outbox copy commits with SENT, so it shows each delivered message once.
        Boolean recorded = transaction.execute(status -> {
            if (!outbox.markSent(message, now)) {
                return false;
            }
            if (devOutbox != null) {
                devOutbox.record(message.delivery(), now);
            }
            return true;
        });
        if (Boolean.TRUE.equals(recorded)) {
            count(message.channel(), "sent");
            log.info("Outbox message {} ({}) sent on attempt {}", message.id(), message.channel(), message.attempt());
        } else {
            log.warn("Outbox message {} ({}) was sent, but its lease had run out and another node took it over;"
                    + " it may arrive twice", message.id(), message.channel());
        }
    }

    private void failed(ClaimedMessage message, String error) {
        if (message.attempt() >= settings.maxAttempts()) {
            if (outbox.markFailed(message, error)) {
                count(message.channel(), "failed");
                log.warn("Outbox message {} ({}) failed for good after {} attempts: {}",
                        message.id(), message.channel(), message.attempt(), error);
            }
            return;
        }
        Instant next = clock.instant().plus(settings.retryDelay(message.attempt()));
        if (outbox.retryLater(message, next, error)) {
            count(message.channel(), "retried");
            log.info("Outbox message {} ({}) attempt {} failed, next at {}: {}",
                    message.id(), message.channel(), message.attempt(), next, error);
        }
    }

    private void count(Channel channel, String outcome) {
        Counter.builder("caregate.notify.messages")
                .description("Outbox messages by channel and outcome (sent, retried, failed)")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .register(meters)
                .increment();
    }

    /** Exception types only: a provider's message can quote the recipient's address. */
    static String describe(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        String described = root == error
                ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName();
        return described.length() <= MAX_ERROR ? described : described.substring(0, MAX_ERROR);
    }
}
