package org.caregate.identity.internal;

import java.time.Duration;
import java.time.Instant;
import org.caregate.identity.Account;

/** What a sign-in attempt came to; the page says each in plain words. */
public sealed interface SignInOutcome {

    /** Password right; sign in at {@code organizationId} ({@code null} for staff). */
    record Succeeded(Account account, String organizationId, boolean wrongPortal, boolean newDevice)
            implements SignInOutcome {}

    /** Unknown name or wrong password: the same answer for both. */
    record Refused() implements SignInOutcome {}

    /** Too many tries: wait a little before the next. */
    record TooSoon(Duration retryAfter) implements SignInOutcome {}

    /** Paused for a while after many failed tries; support can lift it sooner. */
    record Locked(Instant until, Duration remaining) implements SignInOutcome {}

    /** A staff name or staff account on a patient page, or a patient account on the staff page. */
    record WrongKindOfPage() implements SignInOutcome {}
}
