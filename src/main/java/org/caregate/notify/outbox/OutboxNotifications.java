package org.caregate.notify.outbox;

import java.time.Clock;
import org.caregate.notify.KeyPressCall;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Queues messages in the outbox; the {@link OutboxWorker} sends them. */
@Service
class OutboxNotifications implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final Outbox outbox;
    private final Clock clock;

    OutboxNotifications(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public long queue(OutgoingMessage message) {
        long id = outbox.add(message, clock.instant());
        log.debug("Outbox message {} ({}) queued", id, message.channel());
        return id;
    }

    @Override
    public long queue(KeyPressCall call) {
        long id = outbox.add(OutgoingMessage.call(call.to(), call.prompt()), call.ref(), call.language(), clock.instant());
        log.debug("Outbox message {} (key-press call) queued", id);
        return id;
    }
}
