package org.caregate.identity.throttle;

import org.jspecify.annotations.Nullable;

/**
 * What one sign-in attempt is counted against.
 *
 * @param account an opaque key for the account: its id, or a keyed hash of an identifier that
 *     matches no account, so unknown names are throttled exactly like real ones
 * @param clientAddress the client's IP address
 * @param recognisedDevice an opaque hash of the browser's device cookie when that browser has
 *     signed in to this account before; {@code null} for any other browser
 */
public record ThrottleKeys(String account, String clientAddress, @Nullable String recognisedDevice) {

    /** The account's counters for this browser: its own when recognised, else the pool every other browser shares. */
    String pool() {
        return recognisedDevice == null ? "unrecognised" : "device:" + recognisedDevice;
    }
}
