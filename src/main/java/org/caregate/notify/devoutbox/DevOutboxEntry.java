package org.caregate.notify.devoutbox;

import java.time.Instant;
import java.util.UUID;
import org.caregate.notify.Channel;
import org.jspecify.annotations.Nullable;

/**
 * One message in the dev outbox, as the page and its JSON show it.
 *
 * @param channel how it was sent
 * @param to the e-mail address or phone number
 * @param subject the e-mail's subject; {@code null} for texts and calls
 * @param body the text sent
 * @param callRef for a call that waits for a key press, its reference (the page shows "press" buttons)
 * @param createdAt when the worker delivered it
 */
public record DevOutboxEntry(Channel channel, String to, @Nullable String subject, String body,
        @Nullable UUID callRef, Instant createdAt) {}
