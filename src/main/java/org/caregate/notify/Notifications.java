package org.caregate.notify;

/**
 * Sends e-mail, text messages and phone calls for other modules, reliably and without making them
 * wait for a provider.
 *
 * <p>{@link #queue} only writes the message to the outbox table, in the caller's transaction if
 * there is one (it joins it, through the same {@code DataSource}): so a message is sent if and only
 * if the caller's change commits, and a rolled-back change leaves nothing to send. Without a
 * transaction the message is queued at once. A worker on every node sends queued messages within
 * about a second, retries failures with back-off, and survives the crash of any node.
 *
 * <p>What it cannot promise: if a node dies after the provider accepted a message but before the
 * outbox recorded that, another node sends it again once the claim's lease runs out. Each message
 * is therefore delivered at least once and, barring such a crash, exactly once. E-mails carry a
 * Message-ID derived from the outbox id so that mail systems can drop the duplicate.
 */
public interface Notifications {

    /**
     * Queues a message for sending.
     *
     * @return the message's outbox id, which logs and support tools use to trace it
     */
    long queue(OutgoingMessage message);

    /**
     * Queues a phone call that waits for one key press, on the same terms as any message. What the
     * person pressed arrives later as {@link KeyPressed} and {@link CallEnded} events.
     *
     * @return the call's outbox id
     */
    long queue(KeyPressCall call);
}
