package org.caregate.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A code just issued. {@link #toString()} never shows the code.
 *
 * @param code the code as people read it ({@code K7QM-3FXP-9TRW}), only for a
 *     {@linkplain ActivationCodes.Delivery#LETTER letter}; {@code null} when it was sent
 * @param sentTo where it was sent, masked for the screen ({@code a•••@example.org}, {@code •••23});
 *     {@code null} for a letter
 */
public record IssuedCode(@Nullable String code, Instant expiresAt, ActivationCodes.Delivery delivery,
        @Nullable String sentTo) {

    @Override
    public String toString() {
        return "IssuedCode[" + delivery + ", expires " + expiresAt + "]";
    }
}
