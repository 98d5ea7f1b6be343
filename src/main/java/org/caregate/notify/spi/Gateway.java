package org.caregate.notify.spi;

import org.caregate.notify.Channel;

/**
 * Hands one channel's messages to a provider (an SMTP server, a text and voice service). Each
 * channel has at most one gateway; adding a provider means adding one implementation and touching
 * nothing else.
 *
 * <p>{@link #send} returns once the provider has accepted the message and throws on any failure;
 * the outbox worker then retries with back-off. It must finish well within the worker's lease (set
 * the provider's time-outs accordingly), or another node may take the message over. Implementations
 * never log the address, subject or body.
 */
public interface Gateway {

    /** The channel this gateway sends. */
    Channel channel();

    /** Hands the message to the provider; throws if the provider did not accept it. */
    void send(Delivery delivery);
}
