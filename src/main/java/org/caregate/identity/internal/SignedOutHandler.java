package org.caregate.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/** After signing out, back to the sign-in page the person uses, with "you have signed out". */
class SignedOutHandler implements LogoutSuccessHandler {

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
            @Nullable Authentication authentication) throws IOException {
        String target = "/";
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            target = user.organizationId() == null ? "/staff/sign-in?signed-out" : "/" + user.organizationId() + "/sign-in?signed-out";
        }
        response.sendRedirect(request.getContextPath() + target);
    }
}
