package org.caregate.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A sign-in between the password and the portal. The session then holds the person with one right
 * only, to take the steps under {@code /{org}/sign-in/step/}; every other private page sends them
 * back to their step. The second-factor feature moves them along and finally opens the portal.
 */
public interface SignInSteps {

    /**
     * Starts the sign-in of an account whose first step was not a password (a passkey): the same
     * decisions as after a right password ({@link AfterPassword}), then the portal or the first step.
     * A patient account used on another organisation's page signs in to its own, as with a password.
     *
     * @param organizationId the organisation whose sign-in page was used; {@code null} for the staff page
     * @return where the browser goes next; empty when the account may not sign in on this page (a
     *     staff account on a patient page or the other way round), and nothing was started
     */
    Optional<String> start(AccountId account, @Nullable String organizationId, SignInMethod method,
            HttpServletRequest request, HttpServletResponse response);

    /** The person this request's session is signing in, when it is between the password and the portal. */
    Optional<PortalUser> pending(HttpServletRequest request);

    /** Sends the pending person to another step (for example enrolment instead of a code). */
    void moveTo(HttpServletRequest request, String step);

    /**
     * Opens the portal for the pending person: a new session id, the full rights of their account, the
     * sign-in recorded (history, new-browser notice). Returns the address of their home page.
     *
     * @throws IllegalStateException when the session has no pending sign-in
     */
    String complete(HttpServletRequest request, HttpServletResponse response);
}
