package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Brings someone back to an invitation they opened before signing in: while the session holds a
 * verified invitation, every page of the signed-in portal shows "You have an invitation to accept"
 * with a link to it ({@code pendingInvitation}: the invitation page's address).
 */
@ControllerAdvice
@ConditionalOnWebApplication
class InvitationNoticeAdvice {

    @ModelAttribute("pendingInvitation")
    @Nullable String pendingInvitation(@AuthenticationPrincipal @Nullable Object principal, HttpServletRequest request) {
        if (!(principal instanceof PortalUser user) || user.organizationId() == null) {
            return null;
        }
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(InvitationController.VERIFIED) instanceof InvitationController.Verified
                verified) || !verified.organizationId().equals(user.organizationId())) {
            return null;
        }
        String address = "/" + verified.organizationId() + "/invitation";
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith(address) ? null : address;
    }
}
