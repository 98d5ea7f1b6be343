package org.caregate.identity.internal;

import org.springframework.beans.factory.annotation.Qualifier;
import jakarta.servlet.DispatcherType;
import java.util.List;
import java.util.stream.Stream;
import org.caregate.identity.ContentSecurityPolicy;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.caregate.platform.SignedWebhookPaths;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The rules every request passes. Closed by default: an address is open without signing in only
 * when a module declared it in a {@link PublicPaths} bean, or in a {@link SignedWebhookPaths} bean
 * (a provider's webhooks, which also skip the CSRF check: the module verifies their signature);
 * staff pages need a staff account, all other pages a patient's. Programs calling a module's
 * {@code ProgramPaths} never reach these rules: the {@code apps} module's bearer-token gate comes
 * first and takes them. Headers: a strict CSP (no inline script or style), no framing,
 * {@code Cache-Control: no-store} on pages (Spring Security's default; static files keep their own
 * caching), HSTS on HTTPS requests.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    @Bean
    SecurityContextRepository securityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    @Bean
    SecurityFilterChain portalSecurity(HttpSecurity http, List<PublicPaths> publicPaths,
            ObjectProvider<SignedWebhookPaths> signedWebhookPaths,
            Organizations organizations,
            SecurityContextRepository contexts,
            @Qualifier("requestMappingHandlerMapping") HandlerMapping pages)
            throws Exception {
        List<String> signed = signedWebhookPaths.orderedStream().flatMap(paths -> paths.patterns().stream())
                .distinct().toList();
        String[] open = Stream.concat(publicPaths.stream().flatMap(paths -> paths.patterns().stream()), signed.stream())
                .distinct().toArray(String[]::new);
        RequestMatcher[] withoutCsrf = signed.stream().map(PathPatternRequestMatcher.withDefaults()::matcher)
                .toArray(RequestMatcher[]::new);
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
                        .contentSecurityPolicy(csp -> csp.policyDirectives(ContentSecurityPolicy.STANDARD))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.deny())
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .permissionsPolicyHeader(permissions -> permissions.policy(
                                "camera=(self), microphone=(self), geolocation=(), payment=(self)")))
                // A provider cannot send a CSRF token; its webhooks prove themselves by signature instead.
                .csrf(csrf -> csrf.ignoringRequestMatchers(withoutCsrf))
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
