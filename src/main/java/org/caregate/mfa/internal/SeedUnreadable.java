package org.caregate.mfa.internal;

/**
 * A stored seed could not be decrypted: the key changed (or is missing) since it was stored, or the
 * row was altered. Never carries the seed or the key.
 */
public class SeedUnreadable extends IllegalStateException {

    SeedUnreadable(String message) {
        super(message);
    }
}
