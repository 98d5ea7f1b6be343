package org.caregate.apps.internal;

import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.text.ParseException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * SMART Backend Services' token request names no {@code client_id}: the client assertion says who
 * the app is (RFC 7523 makes {@code client_id} optional), but the authorisation server's converter
 * requires one. For a client-credentials request with an assertion and no {@code client_id}, the
 * assertion's {@code iss} is passed on as the client id. It only chooses whose keys must verify the
 * signature; {@link ClientAssertions} then checks that {@code iss} and {@code sub} are that client.
 */
final class ClientIdFromAssertion implements AuthenticationConverter {

    private final AuthenticationConverter delegate;

    ClientIdFromAssertion(AuthenticationConverter delegate) {
        this.delegate = delegate;
    }

    @Override
    public @Nullable Authentication convert(HttpServletRequest request) {
        String assertion = request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION);
        if (assertion == null || request.getParameter(OAuth2ParameterNames.CLIENT_ID) != null
                || !"client_credentials".equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
            return delegate.convert(request);
        }
        String issuer = issuer(assertion);
        return delegate.convert(issuer == null ? request : withClientId(request, issuer));
    }

    private static @Nullable String issuer(String assertion) {
        try {
            String issuer = SignedJWT.parse(assertion).getJWTClaimsSet().getIssuer();
            return issuer == null || issuer.isBlank() ? null : issuer;
        } catch (ParseException e) {
            return null;
        }
    }

    private static HttpServletRequest withClientId(HttpServletRequest request, String clientId) {
        Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
        parameters.put(OAuth2ParameterNames.CLIENT_ID, new String[] {clientId});
        Map<String, String[]> all = Collections.unmodifiableMap(parameters);
        return new HttpServletRequestWrapper(request) {
            @Override
            public Map<String, String[]> getParameterMap() {
                return all;
            }

            @Override
            public @Nullable String getParameter(String name) {
                String[] values = all.get(name);
                return values == null || values.length == 0 ? null : values[0];
            }

            @Override
            public String @Nullable [] getParameterValues(String name) {
                return all.get(name);
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.enumeration(all.keySet());
            }
        };
    }
}
