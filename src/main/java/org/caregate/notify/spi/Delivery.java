package org.caregate.notify.spi;

import org.caregate.notify.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A queued message on its way to a provider.
 *
 * @param outboxId the outbox row's id: stable across attempts, so providers can use it to spot a
 *     resend (for example as the e-mail's Message-ID)
 * @param channel how it is sent
 * @param to the e-mail address or +E.164 phone number
 * @param subject the e-mail's subject; {@code null} for texts and calls
 * @param body the text to send
 */
public record Delivery(long outboxId, Channel channel, String to, @Nullable String subject, String body) {

    /** Leaves out the address and text, so that a record printed by mistake leaks nothing. */
    @Override
    public String toString() {
        return "Delivery[outboxId=" + outboxId + ", channel=" + channel + "]";
    }
}
