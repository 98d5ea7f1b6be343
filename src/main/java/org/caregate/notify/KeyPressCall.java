package org.caregate.notify;

import java.util.Locale;
import java.util.UUID;

/**
 * A phone call that reads {@code prompt} aloud and waits for the person to press one key. It works
 * on landlines. What happens is published, carrying {@link #ref()}: {@link KeyPressed} when a key is
 * pressed, then {@link CallEnded} when the call is over (also when no key was pressed or nobody
 * answered). The prompt is said twice; it must carry no health information, and may name the key to
 * press.
 *
 * @param ref the caller's own reference for this call, unguessable (a random UUID): the provider's
 *     callbacks name it
 * @param to the number to call, in +E.164 form
 * @param prompt what the call says, in {@code language}
 * @param language the language the call speaks
 */
public record KeyPressCall(UUID ref, String to, String prompt, Locale language) {

    public KeyPressCall {
        // The same checks as any call: one number, in +E.164 form, and something to say.
        OutgoingMessage.call(to, prompt);
        if (language.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("A call needs a language to speak");
        }
    }
}
