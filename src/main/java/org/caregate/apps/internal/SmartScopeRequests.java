package org.caregate.apps.internal;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.caregate.apps.SmartScopes;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Reads an app's authorisation request with its {@code patient/*} scopes spelled out per resource
 * type ({@link SmartScopes#expand}), so the consent page can offer each kind of data on its own.
 */
final class SmartScopeRequests {

    private SmartScopeRequests() {}

    static AuthenticationConverter expanding(AuthenticationConverter delegate) {
        return request -> {
            Authentication converted = delegate.convert(request);
            if (converted instanceof OAuth2AuthorizationConsentAuthenticationToken consent) {
                // The consent page sends each kind of data as one value: the scopes it stands for, spaced.
                Set<String> scopes = new LinkedHashSet<>();
                consent.getScopes().forEach(value -> scopes.addAll(Arrays.asList(value.trim().split("\\s+"))));
                scopes.remove("");
                return new OAuth2AuthorizationConsentAuthenticationToken(consent.getAuthorizationUri(),
                        consent.getClientId(), (Authentication) consent.getPrincipal(), consent.getState(), scopes,
                        consent.getAdditionalParameters());
            }
            if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken token)) {
                return converted;
            }
            return new OAuth2AuthorizationCodeRequestAuthenticationToken(token.getAuthorizationUri(), token.getClientId(),
                    (Authentication) token.getPrincipal(), token.getRedirectUri(), token.getState(),
                    SmartScopes.expand(token.getScopes()), token.getAdditionalParameters());
        };
    }
}
