package org.caregate.notify.outbox;

import java.time.Instant;
import java.util.UUID;
import org.caregate.notify.Channel;
import org.caregate.notify.spi.Delivery;

/**
 * A message this node has claimed for sending.
 *
 * @param delivery what to send
 * @param attempt which attempt this is, counting this one
 * @param claimToken proves the claim is still ours when recording the outcome
 * @param leaseUntil when other nodes may take the message over
 */
record ClaimedMessage(Delivery delivery, int attempt, UUID claimToken, Instant leaseUntil) {

    long id() {
        return delivery.outboxId();
    }

    Channel channel() {
        return delivery.channel();
    }
}
