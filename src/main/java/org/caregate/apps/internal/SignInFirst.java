package org.caregate.apps.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.caregate.identity.AfterSignIn;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An app sent someone to approve it who has not finished signing in to the portal: they sign in
 * first (password and second factor, as for the portal itself), then come back to the app's
 * request. Staff accounts cannot approve apps. Only patients (and caregivers, who are patients'
 * accounts) reach the authorisation endpoint with a finished sign-in.
 */
class SignInFirst extends OncePerRequestFilter implements AuthenticationEntryPoint {

    private final Organizations organizations;

    SignInFirst(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().equals(request.getContextPath() + "/oauth2/authorize");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null && signedIn.isAuthenticated() && signedIn.getAuthorities().stream()
                .anyMatch(a -> "ROLE_PATIENT".equals(a.getAuthority()))) {
            chain.doFilter(request, response);
            return;
        }
        if (signedIn != null && signedIn.getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()))) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "Staff accounts cannot connect apps.");
            return;
        }
        sendToSignIn(request, response, signedIn);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (shouldNotFilter(request)) {
            response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        sendToSignIn(request, response, SecurityContextHolder.getContext().getAuthentication());
    }

    private void sendToSignIn(HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
            throws IOException {
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            AfterSignIn.continueTo(request, "/oauth2/authorize" + (query == null ? "" : "?" + query));
        }
        String context = request.getContextPath();
        if (signedIn != null && signedIn.getPrincipal() instanceof PortalUser pending && pending.organizationId() != null) {
            // Between the password and the portal: the portal sends them back to their step.
            response.sendRedirect(context + "/" + pending.organizationId() + "/home");
            return;
        }
        List<Organization> all = organizations.all();
        response.sendRedirect(context + (all.size() == 1 ? all.getFirst().signInPath() : "/"));
    }
}
