package org.caregate.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Addresses that programs call with a staff member's session, JSON in and out (the record import's
 * {@code POST /staff/record/import}). A browser's answers to a refused request (a redirect to the
 * sign-in page, the cookie help page) would leave a program following redirects to an HTML page, so
 * when the gate refuses a request to one of these addresses that does not ask for HTML, the module
 * answers it itself, in its own format, through {@code refusal}. A browser opening a page at the same
 * address (asking for HTML) is still answered as a browser.
 *
 * @param patterns path patterns in Spring's {@code PathPattern} syntax, e.g. {@code /staff/record/import}
 * @param refusal writes the answer to a refused request
 */
public record ProgramPaths(List<String> patterns, Refusal refusal) {

    public ProgramPaths {
        patterns = List.copyOf(patterns);
    }

    /** Why the gate refused the request. */
    public enum Reason {
        /** Nobody is signed in: no session, one that ended, or a sign-in whose steps are not finished (401). */
        NOT_SIGNED_IN,
        /** Signed in, but without the session's CSRF token (403). */
        NO_CSRF_TOKEN,
        /** Signed in, but this account may not use the address (403). */
        NOT_ALLOWED
    }

    /** Writes the whole answer: status, headers and body. */
    @FunctionalInterface
    public interface Refusal {

        void write(HttpServletRequest request, HttpServletResponse response, Reason reason) throws IOException;
    }
}
