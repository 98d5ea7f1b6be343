/**
 * Notifications: e-mail, text messages and phone calls, sent through a durable outbox in PostgreSQL
 * that a worker on every node drains. Other modules call {@link org.caregate.notify.Notifications}
 * inside their own transaction with an {@link org.caregate.notify.OutgoingMessage}; the message is
 * sent if and only if that transaction commits, and survives a crash of any node.
 *
 * <p>Sub-packages are internal: {@code outbox} (queueing, the worker, providers' delivery statuses),
 * {@code spi} (one {@code Gateway} per channel), {@code email} (SMTP), {@code twilio} (texts and
 * calls, and Twilio's signed webhooks), {@code calls} (what happened on key-press calls, as events)
 * and {@code devoutbox} (the demo's copy of everything sent, never in production).
 */
@ApplicationModule(displayName = "Notifications")
@NullMarked
package org.caregate.notify;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
