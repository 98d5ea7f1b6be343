package org.caregate.mfa.internal;

import java.time.Duration;
import org.caregate.patient.PhoneNumber;

/** Whether a code was texted or a call placed, and if not, why not. */
public sealed interface Sent {

    record Yes(PhoneNumber to) implements Sent {}

    /** Asked again too soon; another may be sent after {@code retryAfter}. */
    record TooSoon(Duration retryAfter) implements Sent {}

    /**
     * As many texts and calls as a window allows went to the account, the number, the client address
     * or the number's country; try again later or another way.
     */
    record TooMany() implements Sent {}

    /** Texts and calls do not go to numbers of this country here (caregate.mfa.blocked-countries / allowed-countries). */
    record CountryBlocked() implements Sent {}
}
