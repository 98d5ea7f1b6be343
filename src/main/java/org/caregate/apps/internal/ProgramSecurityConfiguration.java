package org.caregate.apps.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.caregate.platform.ProgramPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The gate of the addresses programs call ({@link ProgramPaths}: the record import): a backend app's
 * bearer token, checked as on the FHIR API ({@link LocalTokens}: known, not expired, not revoked, its
 * app not disabled), which must be a system token (client credentials) holding one of the address's
 * scopes. A session cookie counts for nothing here and no CSRF token is asked: a browser cannot add
 * the token to a request by itself. Comes before the portal's chain, so a staff session never reaches
 * these addresses. Refused: 401 with {@code WWW-Authenticate: Bearer} (no token) or
 * {@code Bearer error="invalid_token"}, 403 with {@code error="insufficient_scope"} (another app's
 * token, or without the scope); the module that declared the address writes the body.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ProgramSecurityConfiguration {

    private record Program(RequestMatcher addresses, ProgramPaths paths) {

        Program(ProgramPaths paths) {
            this(new OrRequestMatcher(paths.patterns().stream()
                    .map(pattern -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(paths.method(), pattern))
                    .toList()), paths);
        }
    }

    @Bean
    @Order(3)
    SecurityFilterChain programAddresses(HttpSecurity http, ObjectProvider<ProgramPaths> declared, LocalTokens tokens)
            throws Exception {
        List<Program> programs = declared.orderedStream().map(Program::new).toList();
        var refusals = new Refusals(programs);
        http.securityMatcher(request -> refusals.programFor(request) != null)
                .authorizeHttpRequests(requests -> {
                    for (Program program : programs) {
                        requests.requestMatchers(program.addresses()).access(systemTokenWith(program.paths().scopes()));
                    }
                    requests.anyRequest().denyAll();
                })
                .oauth2ResourceServer(resource -> resource
                        .opaqueToken(opaque -> opaque.introspector(tokens))
                        .authenticationEntryPoint(refusals)
                        .accessDeniedHandler(refusals))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(refusals).accessDeniedHandler(refusals))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> systemTokenWith(Set<String> scopes) {
        return (authentication, context) -> new AuthorizationDecision(
                authentication.get().getPrincipal() instanceof OAuth2AuthenticatedPrincipal token
                        && LocalTokens.systemTokenWith(token, scopes));
    }

    /**
     * RFC 6750's status and {@code WWW-Authenticate}, then the declaring module's body. Written here
     * rather than by Spring's bearer-token handlers, which would point programs at a protected-resource
     * metadata document this portal does not publish.
     */
    private static final class Refusals implements AuthenticationEntryPoint, AccessDeniedHandler {

        private final List<Program> programs;

        Refusals(List<Program> programs) {
            this.programs = programs;
        }

        @Override
        public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
                throws IOException {
            // A token was sent and refused (unknown, expired, revoked, its app disabled), or none at all.
            boolean sent = e instanceof OAuth2AuthenticationException;
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", sent ? "Bearer error=\"invalid_token\"" : "Bearer");
            write(request, response, ProgramPaths.Reason.NO_VALID_TOKEN);
        }

        @Override
        public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
                throws IOException {
            ProgramPaths paths = programFor(request);
            String scopes = paths == null ? "" : String.join(" ", new TreeSet<>(paths.scopes()));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scopes + "\"");
            write(request, response, ProgramPaths.Reason.NOT_ALLOWED);
        }

        private void write(HttpServletRequest request, HttpServletResponse response, ProgramPaths.Reason reason)
                throws IOException {
            ProgramPaths paths = programFor(request);
            if (paths != null) {
                paths.refusal().write(request, response, reason);
            }
        }

        @Nullable ProgramPaths programFor(HttpServletRequest request) {
            for (Program program : programs) {
                if (program.addresses().matches(request)) {
                    return program.paths();
                }
            }
            return null;
        }
    }
}
