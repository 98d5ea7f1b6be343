package org.caregate.apps.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caregate.apps.SmartScopes;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /fhir/.well-known/smart-configuration}: how a SMART app finds the authorisation server and
 * what it supports. Answered before the FHIR API's servlet, which owns everything else under
 * {@code /fhir}.
 */
@Configuration(proxyBeanMethods = false)
class SmartConfiguration {

    static final String PATH = "/fhir/.well-known/smart-configuration";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> smartConfigurationEndpoint(JsonMapper json) {
        var registration = new FilterRegistrationBean<OncePerRequestFilter>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                if (!"GET".equals(request.getMethod())) {
                    response.setHeader("Allow", "GET");
                    response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                    return;
                }
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setHeader("Cache-Control", "max-age=3600");
                json.writeValue(response.getOutputStream(), document(request));
            }
        });
        registration.addUrlPatterns(PATH);
        registration.setName("smartConfiguration");
        return registration;
    }

    static Map<String, Object> document(HttpServletRequest request) {
        String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", base);
        document.put("jwks_uri", base + "/oauth2/jwks");
        document.put("authorization_endpoint", base + "/oauth2/authorize");
        document.put("token_endpoint", base + "/oauth2/token");
        document.put("token_endpoint_auth_methods_supported",
                List.of("client_secret_basic", "client_secret_post", "private_key_jwt", "none"));
        document.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
        document.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
        document.put("revocation_endpoint", base + "/oauth2/revoke");
        document.put("introspection_endpoint", base + "/oauth2/introspect");
        List<String> scopes = new ArrayList<>(SmartScopes.patientReadScopes());
        // Backend services (the EHR's import client): system write, v1 and v2.
        scopes.addAll(List.of("system/*.write", "system/*.cud"));
        document.put("scopes_supported", scopes);
        document.put("response_types_supported", List.of("code"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("capabilities", List.of("launch-standalone", "client-public", "client-confidential-symmetric",
                "client-confidential-asymmetric", "context-standalone-patient", "permission-offline",
                "permission-patient", "permission-v1", "permission-v2", "sso-openid-connect"));
        return document;
    }
}
