package org.caregate.identity.throttle;

import java.time.Duration;
import java.time.Instant;

/** Whether a sign-in attempt may go ahead now and, if not, for how long it may not. */
public sealed interface Verdict {

    /** The password may be checked. */
    record Allowed() implements Verdict {}

    /** Too many failures lately: try again after {@code retryAfter}. */
    record Wait(Duration retryAfter) implements Verdict {}

    /** The account is temporarily locked for this browser until {@code until}; {@code remaining} is the time left. */
    record Locked(Instant until, Duration remaining) implements Verdict {}
}
