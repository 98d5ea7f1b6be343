package org.caregate.notify.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Pause;
import com.twilio.twiml.voice.Say;
import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What calls say, as TwiML built with the SDK's builders (which escape the text). Everything is said
 * twice: a person who picks up late, or mishears, gets a second chance. Spanish is spoken with
 * Mexican Spanish voices, anything else in US English.
 */
@Component
@TwilioConfigured
class CallScripts {

    private static final Locale SPANISH = Locale.forLanguageTag("es");

    private final MessageSource messages;

    CallScripts(MessageSource messages) {
        this.messages = messages;
    }

    /**
     * A call that says {@code prompt} and waits for one key, which Twilio sends to {@code keyPressed};
     * without a key it says so and hangs up.
     */
    String keyPress(String prompt, Locale language, URI keyPressed) {
        Say.Language voice = voice(language);
        Gather gather = new Gather.Builder()
                .numDigits(1)
                .timeout(10)
                // Empty: # and * are keys like any other, not "done".
                .finishOnKey("")
                .action(keyPressed)
                .method(HttpMethod.POST)
                .say(say(prompt, voice))
                .pause(pause())
                .say(say(prompt, voice))
                .build();
        return new VoiceResponse.Builder()
                .gather(gather)
                .say(say(text("notify.call.no-key", language), voice))
                .hangup(new Hangup.Builder().build())
                .build()
                .toXml();
    }

    /** A call that reads {@code body}. */
    String reading(String body) {
        Say.Language voice = voice(null);
        return new VoiceResponse.Builder()
                .say(say(body, voice))
                .pause(pause())
                .say(say(body, voice))
                .build()
                .toXml();
    }

    /** The answer to a pressed key: thanks, and goodbye. */
    String thanks(Locale language) {
        return new VoiceResponse.Builder()
                .say(say(text("notify.call.thanks", language), voice(language)))
                .hangup(new Hangup.Builder().build())
                .build()
                .toXml();
    }

    private String text(String code, Locale language) {
        return messages.getMessage(code, null, isSpanish(language) ? SPANISH : Locale.ENGLISH);
    }

    private static Say.Language voice(@Nullable Locale language) {
        return isSpanish(language) ? Say.Language.ES_MX : Say.Language.EN_US;
    }

    private static boolean isSpanish(@Nullable Locale language) {
        return language != null && SPANISH.getLanguage().equals(language.getLanguage());
    }

    private static Say say(String text, Say.Language voice) {
        return new Say.Builder(text).language(voice).build();
    }

    private static Pause pause() {
        return new Pause.Builder().length(1).build();
    }
}
