package org.caregate.apps.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The FHIR API's gate: {@code /fhir/**} takes bearer tokens only, never the portal's session
 * cookie. A token is checked on every call ({@link LocalTokens}): known, not expired, not revoked,
 * its app still registered. The capability statement and the SMART configuration are open.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain fhirApiGate(HttpSecurity http, LocalTokens tokens) throws Exception {
        http.securityMatcher("/fhir/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/fhir/metadata", "/fhir/.well-known/smart-configuration").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(resource -> resource
                        .opaqueToken(opaque -> opaque.introspector(tokens))
                        .authenticationEntryPoint(withOutcome(new BearerTokenAuthenticationEntryPoint(),
                                "The request needs a valid access token (Authorization: Bearer ...). Ask the person to connect the app again if theirs has ended."))
                        .accessDeniedHandler((request, response, denied) -> {
                            new BearerTokenAccessDeniedHandler().handle(request, response, denied);
                            outcome(response, "forbidden", "This token may not be used here.");
                        }))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .cors(cors -> cors.configurationSource(AuthorizationServerConfiguration.appCalls()))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

    private static AuthenticationEntryPoint withOutcome(AuthenticationEntryPoint entryPoint, String text) {
        return (request, response, e) -> {
            entryPoint.commence(request, response, e);
            outcome(response, "login", text);
        };
    }

    /** An OperationOutcome for a refused call: FHIR clients read errors in that form. */
    static void outcome(HttpServletResponse response, String code, String text) throws java.io.IOException {
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        String escaped = text.replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("""
                {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"%s","diagnostics":"%s"}]}"""
                .formatted(code, escaped));
    }
}
