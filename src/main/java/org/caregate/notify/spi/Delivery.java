package org.caregate.notify.spi;

import java.util.Locale;
import java.util.UUID;
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
 * @param callRef for a key-press call, the reference its callbacks must name; {@code null} otherwise
 * @param language for a key-press call, the language it speaks; {@code null} otherwise
 */
public record Delivery(long outboxId, Channel channel, String to, @Nullable String subject, String body,
        @Nullable UUID callRef, @Nullable Locale language) {

    /** A message that is not a key-press call. */
    public Delivery(long outboxId, Channel channel, String to, @Nullable String subject, String body) {
        this(outboxId, channel, to, subject, body, null, null);
    }

    /** Whether this is a call that waits for a key press. */
    public boolean waitsForKey() {
        return callRef != null;
    }

    /** Leaves out the address and text, so that a record printed by mistake leaks nothing. */
    @Override
    public String toString() {
        return "Delivery[outboxId=" + outboxId + ", channel=" + channel + "]";
    }
}
