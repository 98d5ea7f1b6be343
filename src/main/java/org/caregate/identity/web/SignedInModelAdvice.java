package org.caregate.identity.web;

import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Gives every page the signed-in person, if any, for the header's "Signed in as" and "Sign out". */
@ControllerAdvice
class SignedInModelAdvice {

    @ModelAttribute("signedIn")
    @Nullable PortalUser signedIn(@AuthenticationPrincipal @Nullable Object principal) {
        return principal instanceof PortalUser user ? user : null;
    }
}
