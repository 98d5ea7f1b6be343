package org.caregate.notify.outbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the outbox worker on this node, a short pause after each run ends. */
@Component
@ConditionalOnBooleanProperty(name = "caregate.notify.worker.enabled", matchIfMissing = true)
class OutboxSchedule {

    private final OutboxWorker worker;

    OutboxSchedule(OutboxWorker worker) {
        this.worker = worker;
    }

    @Scheduled(fixedDelayString = "${caregate.notify.worker.delay:1s}")
    void run() {
        worker.deliverDue();
    }
}
