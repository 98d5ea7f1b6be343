package org.caregate.apps.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * Checks a bearer token on every call (the FHIR API, the addresses programs call), here, against the stored approvals (no network call):
 * the token must be known, not expired, not revoked, and its app still registered. A disconnected
 * app's approvals are deleted, so its tokens are unknown from that moment.
 */
@Component
class LocalTokens implements OpaqueTokenIntrospector {

    /** Attributes of the authenticated principal. */
    static final String AUTHORIZATION = "authorization";
    static final String CLIENT = "client_id";
    static final String APP_NAME = "app_name";
    static final String SCOPES = "scope";
    static final String APPROVAL = "approval";

    private final Authorizations authorizations;
    private final Clients clients;

    LocalTokens(Authorizations authorizations, Clients clients) {
        this.authorizations = authorizations;
        this.clients = clients;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization == null ? null : authorization.getAccessToken();
        if (access == null || !access.isActive() || !MessageDigest.isEqual(access.getToken().getTokenValue().getBytes(StandardCharsets.UTF_8),
                        token.getBytes(StandardCharsets.UTF_8))) {
            throw new BadOpaqueTokenException("Unknown, expired or revoked token");
        }
        RegisteredClient client = clients.findById(authorization.getRegisteredClientId());
        if (client == null) {
            throw new BadOpaqueTokenException("The app is no longer registered");
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put(AUTHORIZATION, authorization.getId());
        attributes.put(CLIENT, client.getClientId());
        attributes.put(APP_NAME, client.getClientName());
        attributes.put(SCOPES, List.copyOf(authorization.getAuthorizedScopes()));
        attributes.put(APPROVAL, authorization);
        List<GrantedAuthority> authorities = authorization.getAuthorizedScopes().stream()
                .map(scope -> (GrantedAuthority) new SimpleGrantedAuthority("SCOPE_" + scope)).toList();
        return new OAuth2IntrospectionAuthenticatedPrincipal(client.getClientId(), attributes, authorities);
    }

    /**
     * Whether a checked token is a backend app's (client credentials: no person, no patient) with at
     * least one of these scopes. A patient's app never passes, whatever scopes it was registered with.
     */
    static boolean systemTokenWith(OAuth2AuthenticatedPrincipal token, Set<String> scopes) {
        return token.getAttribute(APPROVAL) instanceof OAuth2Authorization approval
                && AuthorizationGrantType.CLIENT_CREDENTIALS.equals(approval.getAuthorizationGrantType())
                && approval.getAttribute(Authorizations.PATIENT) == null
                && !Collections.disjoint(approval.getAuthorizedScopes(), scopes);
    }
}
