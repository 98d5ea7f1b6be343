package org.caregate.session.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stops the sign-in loop of a browser that drops the session cookie set at sign-in (cookies
 * blocked for the site, a full cookie store, a privacy add-on): it would sign in, be sent to its
 * home page without the new session, and land on the sign-in page again, for ever.
 *
 * <p>The redirect that ends a successful sign-in gets a marker, {@code ?signed-in}. The next
 * request carries the marker: with the new session it is sent on to the same address without it;
 * without a live session the cookie was refused, and the person gets the cookie help page instead
 * of another sign-in page. A form sent with no cookie at all is caught earlier, by the CSRF check.
 *
 * <p>Runs before the security filters (which would otherwise send the marked request to sign-in)
 * and after Spring Session's, which tells whether the request's session is alive.
 */
@Component
@ConditionalOnWebApplication
class CookieLoopGuard extends OncePerRequestFilter implements Ordered {

    static final String MARKER = "signed-in";
    static final String COOKIE_HELP = "/help/cookies";

    /** Just before Spring Security's filter chain (-100). */
    private static final int ORDER = -101;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if ("GET".equals(request.getMethod()) && query != null && hasMarker(query)) {
            if (signedIn(request)) {
                String rest = withoutMarker(query);
                response.sendRedirect(request.getRequestURI() + (rest.isEmpty() ? "" : "?" + rest));
            } else {
                response.sendRedirect(request.getContextPath() + COOKIE_HELP);
            }
            return;
        }
        boolean signedInBefore = signedIn(request);
        chain.doFilter(request, signedInBefore ? response : new MarkingResponse(response));
    }

    /** Whether the request brought back a live session with a signed-in person. */
    private static boolean signedIn(HttpServletRequest request) {
        if (request.getRequestedSessionId() == null || !request.isRequestedSessionIdValid()) {
            return false;
        }
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
                instanceof SecurityContext context && signedIn(context.getAuthentication());
    }

    private static boolean signedIn(@Nullable Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof PortalUser;
    }

    static boolean hasMarker(String query) {
        return Arrays.stream(query.split("&")).anyMatch(MARKER::equals);
    }

    static String withoutMarker(String query) {
        return Arrays.stream(query.split("&")).filter(p -> !p.equals(MARKER) && !p.isEmpty())
                .collect(Collectors.joining("&"));
    }

    static String withMarker(String location) {
        int hash = location.indexOf('#');
        String fragment = hash < 0 ? "" : location.substring(hash);
        String address = hash < 0 ? location : location.substring(0, hash);
        return address + (address.contains("?") ? "&" : "?") + MARKER + fragment;
    }

    /**
     * Marks the redirect that ends a sign-in: a request that came without a signed-in session and
     * redirects with one (the sign-in step put the person in the security context).
     */
    private static final class MarkingResponse extends HttpServletResponseWrapper {

        MarkingResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            super.sendRedirect(marked(location));
        }

        @Override
        public void sendRedirect(String location, boolean clearBuffer) throws IOException {
            super.sendRedirect(marked(location), clearBuffer);
        }

        @Override
        public void sendRedirect(String location, int status) throws IOException {
            super.sendRedirect(marked(location), status);
        }

        @Override
        public void sendRedirect(String location, int status, boolean clearBuffer) throws IOException {
            super.sendRedirect(marked(location), status, clearBuffer);
        }

        private static String marked(String location) {
            return signedIn(SecurityContextHolder.getContext().getAuthentication()) && sameSite(location)
                    ? withMarker(location) : location;
        }

        private static boolean sameSite(String location) {
            return location.startsWith("/") && !location.startsWith("//");
        }
    }
}
