package org.caregate.notify.calls;

import java.util.UUID;
import java.util.regex.Pattern;
import org.caregate.notify.CallEnded;
import org.caregate.notify.KeyPressed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns what a voice provider reports about a {@link org.caregate.notify.KeyPressCall} into the
 * module's events. The provider's verified webhooks call it, and so does the demo's dev outbox,
 * whose "press a key" buttons stand in for a phone: both take the same path from here on.
 */
@Component
public class CallOutcomes {

    private static final Pattern ONE_KEY = Pattern.compile("[0-9*#]");

    private final ApplicationEventPublisher events;

    CallOutcomes(ApplicationEventPublisher events) {
        this.events = events;
    }

    /** A key was pressed on call {@code ref}; anything but one phone key is ignored. */
    @Transactional
    public void keyPressed(UUID ref, String keys) {
        if (ONE_KEY.matcher(keys).matches()) {
            events.publishEvent(new KeyPressed(ref, keys));
        }
    }

    /** Call {@code ref} is over. */
    @Transactional
    public void ended(UUID ref, CallEnded.How how) {
        events.publishEvent(new CallEnded(ref, how));
    }
}
