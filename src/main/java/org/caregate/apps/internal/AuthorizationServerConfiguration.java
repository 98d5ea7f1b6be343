package org.caregate.apps.internal;

import java.util.List;
import java.util.function.Consumer;
import org.caregate.organization.Organizations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.JwtClientAssertionAuthenticationConverter;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The SMART on FHIR authorisation server: Spring Security's OAuth2 authorisation server at
 * {@code /oauth2/*}, with the authorisation code and PKCE (S256) required, opaque access tokens kept
 * in {@link Authorizations}, a consent page that asks every time ({@code /apps/consent}), refresh
 * tokens that change at each use, ID tokens signed with {@link SigningKeys}; and client credentials
 * for backend apps, which prove themselves with a JWT signed by their own key
 * ({@link ClientAssertions}). Its chain comes before the portal's and the FHIR API's.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class AuthorizationServerConfiguration {

    static final String CONSENT_PAGE = "/apps/consent";

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http, Clients clients, Authorizations authorizations,
            SmartTokens tokens, ConsentDecisions decisions, SecurityContextRepository contexts,
            Organizations organizations, ClientAssertions clientAssertions) throws Exception {
        SignInFirst signInFirst = new SignInFirst(organizations);
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, as -> as
                        .registeredClientRepository(clients)
                        .authorizationService(authorizations)
                        .authorizationConsentService(new AskEveryTime())
                        .tokenGenerator(tokens.generator())
                        .clientAuthentication(client -> client
                                .authenticationConverters(converters -> converters.replaceAll(converter ->
                                        converter instanceof JwtClientAssertionAuthenticationConverter
                                                ? new ClientIdFromAssertion(converter) : converter))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
                                        assertions.setJwtDecoderFactory(clientAssertions);
                                    }
                                })))
                        .authorizationEndpoint(endpoint -> endpoint
                                .consentPage(CONSENT_PAGE)
                                .authorizationRequestConverters(converters -> converters.replaceAll(SmartScopeRequests::expanding))
                                .authenticationProviders(providers -> providers.forEach(provider -> {
                                    if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider request) {
                                        request.setAuthenticationValidator(((Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext>) ConsentDecisions::exactRedirect)
                                                .andThen(new OAuth2AuthorizationCodeRequestAuthenticationValidator())
                                                .andThen(decisions::validateRequest));
                                    }
                                    if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consent) {
                                        consent.setAuthorizationConsentCustomizer(decisions::decide);
                                    }
                                })))
                        .tokenEndpoint(endpoint -> endpoint.accessTokenResponseHandler(tokenResponses(tokens))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .securityContext(context -> context.securityContextRepository(contexts))
                .addFilterAfter(signInFirst, SecurityContextHolderFilter.class)
                .cors(cors -> cors.configurationSource(appCalls()))
                // Only the consent form is sent by a signed-in browser; the rest authenticate the app itself.
                .csrf(csrf -> csrf.ignoringRequestMatchers(request -> !request.getRequestURI().endsWith("/oauth2/authorize")))
                .requestCache(cache -> cache.disable())
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(signInFirst));
        return http.build();
    }

    private static OAuth2AccessTokenResponseAuthenticationSuccessHandler tokenResponses(SmartTokens tokens) {
        var handler = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();
        handler.setAccessTokenResponseCustomizer(tokens::addLaunchContext);
        return handler;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    /** Apps in a browser call the token endpoint and the FHIR API from their own origin, without cookies. */
    static CorsConfigurationSource appCalls() {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(List.of("*"));
        cors.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Prefer"));
        cors.setExposedHeaders(List.of("Location", "Content-Location", "ETag", "WWW-Authenticate"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(3600L);
        List<String> endpoints = List.of("/oauth2/token", "/oauth2/revoke", "/oauth2/jwks");
        // Matched on the whole address: the FHIR API's own servlet owns /fhir/*, and Spring's path
        // patterns would see only what follows /fhir there (so /fhir/** would match nothing).
        return request -> {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            return endpoints.contains(path) || path.startsWith("/fhir/") ? cors : null;
        };
    }

    /** Consent is asked for every time an app asks: nothing is remembered between approvals. */
    static final class AskEveryTime implements OAuth2AuthorizationConsentService {

        @Override
        public void save(OAuth2AuthorizationConsent authorizationConsent) {}

        @Override
        public void remove(OAuth2AuthorizationConsent authorizationConsent) {}

        @Override
        public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
            return null;
        }
    }
}
