package org.caregate.identity.internal;

import java.io.Serial;
import java.io.Serializable;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;

/**
 * Kept in the session between a right password and the open portal.
 *
 * @param step the address of the step the person is on
 * @param home where the portal opens once the steps are done
 * @param movedFrom the organisation whose page they used, when it was not their own portal's
 * @param userAgent the browser's User-Agent header, for the sign-in history
 */
public record PendingSignIn(PortalUser user, String step, String home, @Nullable String movedFrom,
        @Nullable String userAgent) implements Serializable {

    /** The session attribute that holds it. */
    public static final String ATTRIBUTE = "caregate.pendingSignIn";

    /** The one right a pending session has: taking its steps. */
    public static final String ROLE = "SIGNING_IN";

    @Serial
    private static final long serialVersionUID = 1L;

    public PendingSignIn withStep(String next) {
        return new PendingSignIn(user, next, home, movedFrom, userAgent);
    }
}
