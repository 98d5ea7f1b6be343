package org.caregate.identity;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Someone signed in. Published in the sign-in request, before the response: the session feature
 * records it in the person's sign-in history and, from a browser never seen before, e-mails them.
 *
 * @param newDevice true when this browser had not signed in to this account before
 * @param userAgent the browser's User-Agent header, for "Chrome on Android" in the history
 */
public record SignedIn(
        AccountId accountId,
        @Nullable String organizationId,
        SignInMethod method,
        Instant at,
        boolean newDevice,
        @Nullable String userAgent) {}
