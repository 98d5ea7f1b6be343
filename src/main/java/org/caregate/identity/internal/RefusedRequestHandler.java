package org.caregate.identity.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A refused request, explained. A form sent without any cookie means the browser blocks cookies:
 * the person gets the page that says so and how to allow them, instead of the sign-in page again
 * (the loop others ship). A form whose page sat open past the session's life gets its page back,
 * marked expired, so they can simply try again. Scripts (not asking for a page) and anything else
 * get a plain "not allowed".
 */
class RefusedRequestHandler implements AccessDeniedHandler {

    static final String COOKIE_HELP = "/help/cookies";

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        if (refused instanceof CsrfException && wantsPage(request)) {
            if (request.getCookies() == null || request.getCookies().length == 0) {
                response.sendRedirect(request.getContextPath() + COOKIE_HELP);
                return;
            }
            if ("POST".equals(request.getMethod())) {
                response.sendRedirect(request.getRequestURI() + "?expired");
                return;
            }
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(PendingSignIn.ATTRIBUTE) instanceof PendingSignIn pending
                && !(refused instanceof CsrfException)) {
            // The password was right but a step remains (a second factor): that step, not "forbidden".
            response.sendRedirect(request.getContextPath() + pending.step());
            return;
        }
        response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }

    /** A person's browser submitting a form, rather than a script asking for data. */
    private static boolean wantsPage(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }
}
