package org.caregate.identity.throttle;

import java.time.Duration;
import java.time.Instant;

/** PLACEHOLDER until the throttle branch lands (same API). */
public sealed interface Verdict {
    record Allowed() implements Verdict {}

    record Wait(Duration retryAfter) implements Verdict {}

    record Locked(Instant until, Duration remaining) implements Verdict {}
}
