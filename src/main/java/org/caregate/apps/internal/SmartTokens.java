package org.caregate.apps.internal;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.caregate.identity.PortalUser;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.stereotype.Component;

/**
 * The tokens apps get: an opaque access token (a random reference, checked against
 * {@link Authorizations} on every call), an ID token for {@code openid} with {@code fhirUser}, a
 * refresh token only when the person let the app keep access ({@code offline_access} or
 * {@code online_access}) and a new one at each use; and the SMART launch context in the token
 * response ({@code patient}).
 */
@Component
class SmartTokens {

    private static final Set<String> KEEP_ACCESS = Set.of("offline_access", "online_access");

    private final JwtEncoder encoder;
    private final Authorizations authorizations;
    private final SecureRandom random = new SecureRandom();

    SmartTokens(JwtEncoder encoder, Authorizations authorizations) {
        this.encoder = encoder;
        this.authorizations = authorizations;
    }

    OAuth2TokenGenerator<OAuth2Token> generator() {
        JwtGenerator idTokens = new JwtGenerator(encoder);
        idTokens.setJwtCustomizer(this::idToken);
        return new DelegatingOAuth2TokenGenerator(idTokens, new OAuth2AccessTokenGenerator(), this::refreshToken);
    }

    /** {@code fhirUser}: the Patient resource of the person who signed in, when the record is their own. */
    private void idToken(JwtEncodingContext context) {
        if (!"id_token".equals(context.getTokenType().getValue())) {
            return;
        }
        OAuth2Authorization authorization = context.getAuthorization();
        String patient = authorization == null ? null : authorization.getAttribute(Authorizations.PATIENT);
        Authentication principal = context.getPrincipal();
        if (patient != null && principal.getPrincipal() instanceof PortalUser user && user.patientId() != null
                && user.patientId().value().toString().equals(patient)) {
            context.getClaims().claim("fhirUser", ConsentDecisions.fhirBase() + "/Patient/" + patient);
        }
    }

    private @Nullable OAuth2RefreshToken refreshToken(OAuth2TokenContext context) {
        if (!OAuth2TokenType.REFRESH_TOKEN.equals(context.getTokenType())
                || !context.getRegisteredClient().getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)
                || context.getAuthorizedScopes().stream().noneMatch(KEEP_ACCESS::contains)) {
            return null;
        }
        byte[] bytes = new byte[48];
        random.nextBytes(bytes);
        // System time, as the authorisation server's own checks of a token's lifetime use.
        Instant now = Instant.now();
        return new OAuth2RefreshToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), now,
                now.plus(context.getRegisteredClient().getTokenSettings().getRefreshTokenTimeToLive()));
    }

    /** SMART's launch context in the token response: the patient whose record the token reads. */
    void addLaunchContext(OAuth2AccessTokenAuthenticationContext context) {
        OAuth2AccessTokenAuthenticationToken token = context.getAuthentication();
        OAuth2Authorization authorization = authorizations.findByToken(token.getAccessToken().getTokenValue(),
                OAuth2TokenType.ACCESS_TOKEN);
        String patient = authorization == null ? null : authorization.getAttribute(Authorizations.PATIENT);
        if (patient == null) {
            return;
        }
        Map<String, Object> parameters = new HashMap<>(token.getAdditionalParameters());
        parameters.put("patient", patient);
        context.getAccessTokenResponse().additionalParameters(parameters);
    }
}
