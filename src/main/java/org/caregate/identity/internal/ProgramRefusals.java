package org.caregate.identity.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.caregate.platform.ProgramPaths;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Refusals of requests to a module's {@link ProgramPaths} that do not ask for HTML: the module writes
 * them (401 when nobody is signed in, 403 otherwise). Every other refusal goes to the browser's
 * answers: the sign-in page, the cookie help, "not allowed".
 */
class ProgramRefusals implements AuthenticationEntryPoint, AccessDeniedHandler {

    private record Program(RequestMatcher addresses, ProgramPaths.Refusal refusal) {}

    private final List<Program> programs;
    private final AuthenticationEntryPoint pages;
    private final AccessDeniedHandler pagesRefused;

    ProgramRefusals(List<ProgramPaths> programPaths, AuthenticationEntryPoint pages, AccessDeniedHandler pagesRefused) {
        this.programs = programPaths.stream()
                .map(paths -> new Program(new OrRequestMatcher(paths.patterns().stream()
                        .map(PathPatternRequestMatcher.withDefaults()::matcher).toArray(RequestMatcher[]::new)),
                        paths.refusal()))
                .toList();
        this.pages = pages;
        this.pagesRefused = pagesRefused;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        Optional<Program> program = programFor(request);
        if (program.isPresent()) {
            program.get().refusal().write(request, response, ProgramPaths.Reason.NOT_SIGNED_IN);
        } else {
            pages.commence(request, response, e);
        }
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException refused)
            throws IOException, ServletException {
        Optional<Program> program = programFor(request);
        if (program.isEmpty()) {
            pagesRefused.handle(request, response, refused);
            return;
        }
        // Without a session there is no CSRF token either; "sign in first" is the refusal that helps.
        ProgramPaths.Reason reason = !signedIn() ? ProgramPaths.Reason.NOT_SIGNED_IN
                : refused instanceof CsrfException ? ProgramPaths.Reason.NO_CSRF_TOKEN
                : ProgramPaths.Reason.NOT_ALLOWED;
        program.get().refusal().write(request, response, reason);
    }

    private Optional<Program> programFor(HttpServletRequest request) {
        if (asksForHtml(request)) {
            return Optional.empty();
        }
        return programs.stream().filter(program -> program.addresses().matches(request)).findFirst();
    }

    private static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** Signed in with every step done: not anonymous, not between the password and a second factor. */
    private static boolean signedIn() {
        Authentication authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken)
                && authentication.getAuthorities().stream()
                        .noneMatch(authority -> ("ROLE_" + PendingSignIn.ROLE).equals(authority.getAuthority()));
    }
}
