package org.caregate.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Someone not signed in asked for a page that needs it. An organisation's page sends them to that
 * organisation's sign-in page (saying so when their session timed out); a staff page to the staff
 * sign-in. An address no page answers is "not found", as it would be for a signed-in person.
 */
class SignInEntryPoint implements AuthenticationEntryPoint {

    private final Organizations organizations;
    private final HandlerMapping pages;

    SignInEntryPoint(Organizations organizations, HandlerMapping pages) {
        this.organizations = organizations;
        this.pages = pages;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!exists(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean timedOut = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
        String query = timedOut ? "?timed-out" : "";
        if (path.equals("/staff") || path.startsWith("/staff/")) {
            response.sendRedirect(request.getContextPath() + "/staff/sign-in" + query);
            return;
        }
        Optional<Organization> organization = organizations.forPath(path);
        if (organization.isPresent()) {
            response.sendRedirect(request.getContextPath() + organization.get().signInPath() + query);
            return;
        }
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }

    /** Whether a page answers this address at all: a mistyped address is "not found", signed in or not. */
    private boolean exists(HttpServletRequest request) {
        try {
            return pages.getHandler(request) != null;
        } catch (Exception e) {
            return false;
        }
    }
}
