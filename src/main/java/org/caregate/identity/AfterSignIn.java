package org.caregate.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;

/**
 * Where a person goes once their sign-in is complete, when something sent them to sign in first
 * (an outside app asking for their consent): kept in the session, used once, and only for an
 * address on this portal. Without one, the sign-in ends on the person's home page.
 */
public final class AfterSignIn {

    private static final String ATTRIBUTE = AfterSignIn.class.getName();

    private AfterSignIn() {}

    /**
     * Remembers where to continue after signing in.
     *
     * @param path an address on this portal, starting with a single {@code /}
     */
    public static void continueTo(HttpServletRequest request, String path) {
        if (!path.startsWith("/") || path.startsWith("//") || path.contains("\\")) {
            throw new IllegalArgumentException("Only an address on this portal");
        }
        request.getSession(true).setAttribute(ATTRIBUTE, path);
    }

    /** Takes the remembered address, if any: it is used once. */
    static Optional<String> take(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String path)) {
            return Optional.empty();
        }
        session.removeAttribute(ATTRIBUTE);
        return Optional.of(path);
    }

    /** For the sign-in itself ({@code identity.web}): the address to continue to, or {@code home}. */
    public static String destination(HttpServletRequest request, String home) {
        return take(request).orElse(home);
    }
}
