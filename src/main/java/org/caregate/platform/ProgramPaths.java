package org.caregate.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Addresses that programs call, not people (the record import's {@code POST /staff/record/import}):
 * every request carries the access token of a registered backend app (SMART Backend Services, a
 * token from the {@code apps} module's token endpoint), never a session cookie. The {@code apps}
 * module's gate lets a request through only with a valid token of a backend app holding one of
 * {@code scopes}; a session cookie counts for nothing there. When the gate refuses a request it sets
 * the status and {@code WWW-Authenticate}, and the module that declared the address writes the body
 * in its own format through {@code refusal}: a program never gets a redirect to a sign-in page.
 *
 * @param method the one method the programs use; the same path with another method (a page) is not affected
 * @param patterns path patterns in Spring's {@code PathPattern} syntax, e.g. {@code /staff/record/import}
 * @param scopes the token must hold at least one of these scopes, e.g. {@code system/*.write}
 * @param refusal writes the body of a refused request
 */
public record ProgramPaths(HttpMethod method, List<String> patterns, Set<String> scopes, Refusal refusal) {

    public ProgramPaths {
        patterns = List.copyOf(patterns);
        scopes = Set.copyOf(scopes);
    }

    /** Why the gate refused the request. */
    public enum Reason {
        /** No token, or one that is unknown, expired or revoked, or whose app was disabled (401). */
        NO_VALID_TOKEN,
        /** A valid token that may not be used here: not a backend app's, or without the scope (403). */
        NOT_ALLOWED
    }

    /** Writes the body of the answer; status and {@code WWW-Authenticate} are already set. */
    @FunctionalInterface
    public interface Refusal {

        void write(HttpServletRequest request, HttpServletResponse response, Reason reason) throws IOException;
    }
}
