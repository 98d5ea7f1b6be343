package org.caregate.notify;

import java.util.UUID;

/**
 * Published when a {@link KeyPressCall} is over, whether or not a key was pressed (a
 * {@link KeyPressed} comes first when one was).
 *
 * @param call the call's {@link KeyPressCall#ref()}
 * @param how how it ended
 */
public record CallEnded(UUID call, How how) {

    /** How a call ended. */
    public enum How {
        /** Someone (or a voicemail) answered; the call is over. */
        ANSWERED,
        /** Busy, no answer or cancelled. */
        NOT_ANSWERED,
        /** The provider could not place the call (a bad or unreachable number). */
        FAILED
    }
}
