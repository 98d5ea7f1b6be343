package org.caregate.session.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import org.caregate.identity.PortalUser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a signed-in session once it is older than the absolute limit (12 hours by default) since
 * sign-in, however busy: a session left open on a shared computer does not live for ever. Runs
 * after the security filters, which have put the signed-in person in place.
 */
@Component
@ConditionalOnWebApplication
class AbsoluteLimitFilter extends OncePerRequestFilter {

    private final SessionSettings settings;
    private final Clock clock;

    AbsoluteLimitFilter(SessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user
                && user.signedInAt().plus(settings.absoluteTimeout()).isBefore(clock.instant())) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            String signIn = user.organizationId() == null ? "/staff/sign-in" : "/" + user.organizationId() + "/sign-in";
            response.sendRedirect(request.getContextPath() + signIn + "?time-limit");
            return;
        }
        chain.doFilter(request, response);
    }
}
