package org.caregate.notify.twilio;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.caregate.notify.Channel;
import org.caregate.notify.spi.Delivery;
import org.caregate.notify.spi.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends text messages through Twilio. Twilio reports each one's fate (delivered, undelivered...) to
 * {@link TwilioWebhooks}. Any refusal or failure throws, and the outbox retries.
 */
@Component
@TwilioConfigured
class TwilioSmsGateway implements Gateway {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);

    private final TwilioRestClient twilio;
    private final PhoneNumber from;
    private final CallbackAddresses callbacks;

    TwilioSmsGateway(TwilioRestClient twilio, TwilioSettings settings, CallbackAddresses callbacks) {
        this.twilio = twilio;
        this.from = new PhoneNumber(settings.fromNumber());
        this.callbacks = callbacks;
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public void send(Delivery delivery) {
        Message message = Message.creator(new PhoneNumber(delivery.to()), from, delivery.body())
                .setStatusCallback(callbacks.textStatus(delivery.outboxId()))
                .create(twilio);
        // Twilio's id for the message: what its console and support search by.
        log.debug("Outbox message {} (SMS) accepted by Twilio as {}", delivery.outboxId(), message.getSid());
    }
}
