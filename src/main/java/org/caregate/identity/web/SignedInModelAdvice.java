package org.caregate.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.caregate.identity.PortalUser;
import org.caregate.identity.internal.PendingSignIn;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in person, if any, for the header's "Signed in as" and "Sign out";
 * and a person between their password and the portal ({@code signingIn}), whose pages offer only
 * "Sign out".
 */
@ControllerAdvice
class SignedInModelAdvice {

    @ModelAttribute("signedIn")
    @Nullable PortalUser signedIn(@AuthenticationPrincipal @Nullable Object principal, HttpServletRequest request) {
        return principal instanceof PortalUser user && !signingIn(request) ? user : null;
    }

    @ModelAttribute("signingIn")
    boolean signingIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PendingSignIn.ATTRIBUTE) != null;
    }
}
