package org.caregate.notify.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.CallCreator;
import com.twilio.type.PhoneNumber;
import com.twilio.type.Twiml;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caregate.notify.Channel;
import org.caregate.notify.spi.Delivery;
import org.caregate.notify.spi.Gateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Places calls through Twilio, with what they say ({@link CallScripts}) in the request itself, so
 * Twilio needs nothing from the portal to start the call. A key-press call sends the key to
 * {@link TwilioWebhooks}; every call reports there how it ended. Any refusal or failure throws, and
 * the outbox retries.
 */
@Component
@TwilioConfigured
class TwilioVoiceGateway implements Gateway {

    private static final Logger log = LoggerFactory.getLogger(TwilioVoiceGateway.class);

    private final TwilioRestClient twilio;
    private final PhoneNumber from;
    private final CallScripts scripts;
    private final CallbackAddresses callbacks;

    TwilioVoiceGateway(TwilioRestClient twilio, TwilioSettings settings, CallScripts scripts,
            CallbackAddresses callbacks) {
        this.twilio = twilio;
        this.from = new PhoneNumber(settings.fromNumber());
        this.scripts = scripts;
        this.callbacks = callbacks;
    }

    @Override
    public Channel channel() {
        return Channel.VOICE;
    }

    @Override
    public void send(Delivery delivery) {
        var to = new PhoneNumber(delivery.to());
        UUID ref = delivery.callRef();
        CallCreator creator = ref == null
                ? Call.creator(to, from, new Twiml(scripts.reading(delivery.body())))
                        .setStatusCallback(callbacks.callStatus(delivery.outboxId()))
                : keyPressCall(delivery, ref, to);
        Call call = creator
                // Only the end: what a key-press call is waiting for, and the status to record.
                .setStatusCallbackEvent(List.of("completed"))
                .setStatusCallbackMethod(HttpMethod.POST)
                .create(twilio);
        log.debug("Outbox message {} (VOICE) accepted by Twilio as {}", delivery.outboxId(), call.getSid());
    }

    private CallCreator keyPressCall(Delivery delivery, UUID ref, PhoneNumber to) {
        Locale language = delivery.language() == null ? Locale.ENGLISH : delivery.language();
        String twiml = scripts.keyPress(delivery.body(), language, callbacks.keyPressed(ref, language));
        return Call.creator(to, from, new Twiml(twiml)).setStatusCallback(callbacks.callStatus(ref, delivery.outboxId()));
    }
}
