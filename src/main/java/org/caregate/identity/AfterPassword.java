package org.caregate.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Decides what a person must still do once their password was right, before the portal opens: the
 * second-factor feature implements it. Without an implementation the portal opens at once.
 */
public interface AfterPassword {

    /**
     * The address of the step to take next (a page under {@code /{org}/sign-in/step/}), or empty when
     * the portal may open now.
     *
     * @param request the sign-in request (a browser remembered for the account may skip the step)
     */
    Optional<String> nextStep(PortalUser user, HttpServletRequest request);
}
