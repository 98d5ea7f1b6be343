package org.caregate.identity.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import jakarta.servlet.DispatcherType;
import java.util.List;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The rules every request passes. Closed by default: an address is open without signing in only
 * when a module declared it in a {@link PublicPaths} bean; staff pages need a staff account, all
 * other pages a patient's. Headers: a strict CSP (no inline script or style), no framing,
 * {@code Cache-Control: no-store} on pages (Spring Security's default; static files keep their own
 * caching), HSTS on HTTPS requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, List<PublicPaths> publicPaths, Organizations organizations,
            SecurityContextRepository contexts,
            @Qualifier("requestMappingHandlerMapping") HandlerMapping pages)
            throws Exception {
        String[] open = publicPaths.stream().flatMap(paths -> paths.patterns().stream()).distinct().toArray(String[]::new);
        http.authorizeHttpRequests(requests -> requests
                        // Error pages and forwards render what an already-authorised request asked for.
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(open).permitAll()
                        // Between the password and the portal: the steps, and nothing else.
                        .requestMatchers("/*/sign-in/step/**").hasRole(PendingSignIn.ROLE)
                        .requestMatchers("/staff/**").hasRole("STAFF")
                        .anyRequest().hasRole("PATIENT"))
                .securityContext(context -> context.securityContextRepository(contexts))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new SignInEntryPoint(organizations, pages))
                        .accessDeniedHandler(new RefusedRequestHandler()))
                .logout(logout -> logout
                        .logoutUrl("/sign-out")
                        .logoutSuccessHandler(new SignedOutHandler()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(self), microphone=(self), geolocation=(), payment=(self)")))
                .csrf(Customizer.withDefaults())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable());
        return http.build();
    }

    @Bean
    PublicPaths signInPages() {
        // The strength meter serves sign-up and reset pages, which are used before signing in.
        return PublicPaths.of("/*/sign-in", "/staff/sign-in", "/password-strength");
    }
}
