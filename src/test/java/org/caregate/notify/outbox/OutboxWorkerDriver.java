package org.caregate.notify.outbox;

import org.springframework.context.ApplicationContext;

/** Runs the outbox worker by hand, for tests outside this package (the worker is package-private). */
public final class OutboxWorkerDriver {

    private OutboxWorkerDriver() {}

    /** One run of the worker in {@code context}; returns how many messages it claimed. */
    public static int deliverDue(ApplicationContext context) {
        return context.getBean(OutboxWorker.class).deliverDue();
    }
}
