package org.caregate.notify.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.regex.Pattern;
import org.caregate.notify.Channel;
import org.springframework.stereotype.Component;

/**
 * What providers report after they accepted a message (delivered, undelivered, failed...), from
 * their verified status webhooks: kept with the outbox row and counted in
 * {@code caregate.notify.deliveries{channel, status}}, so that operators see texts that never arrive.
 */
@Component
public class DeliveryStatuses {

    private static final Pattern STATUS = Pattern.compile("[a-z-]{1,20}");

    private final Outbox outbox;
    private final MeterRegistry meters;

    DeliveryStatuses(Outbox outbox, MeterRegistry meters) {
        this.outbox = outbox;
        this.meters = meters;
    }

    /**
     * Records the provider's latest status for outbox message {@code outboxId}.
     *
     * @param status the provider's word for it, lower case ({@code delivered}, {@code no-answer})
     * @return false when the status is not a plain word or there is no such message
     */
    public boolean record(long outboxId, Channel channel, String status) {
        String word = status.toLowerCase(Locale.ROOT);
        if (!STATUS.matcher(word).matches() || !outbox.recordDeliveryStatus(outboxId, word)) {
            return false;
        }
        Counter.builder("caregate.notify.deliveries")
                .description("What providers reported about texts and calls they accepted")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("status", word)
                .register(meters)
                .increment();
        return true;
    }
}
