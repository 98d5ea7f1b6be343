package org.caregate.apps.internal;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestTemplate;

/**
 * How the token endpoint checks a backend app's client assertion (SMART Backend Services, RFC 7523
 * {@code private_key_jwt}): signed with RS384 or ES384 by one of the app's keys, fetched from its JWK
 * Set URL or, without one, the JWK Set pasted at registration; then the authorisation server's own
 * claim rules ({@code iss} and {@code sub} are the client id, {@code aud} names this server's token
 * endpoint, {@code exp} present and not passed, {@code nbf}); then SMART's: {@code exp} no more than
 * five minutes ahead, a {@code jti}, and that {@code jti} not used before ({@link UsedAssertions}).
 * Any failure is {@code invalid_client}.
 */
@Component
class ClientAssertions implements JwtDecoderFactory<RegisteredClient> {

    /** A backend app's client setting: the JWK Set an administrator pasted at registration. */
    static final String PASTED_JWKS = "caregate.apps.jwks";

    /** SMART: an assertion's exp "SHALL be no more than five minutes in the future". */
    static final Duration LONGEST = Duration.ofMinutes(5);

    /** The clock skew the authorisation server's own exp and nbf rules allow (JwtTimestampValidator's default). */
    static final Duration SKEW = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(ClientAssertions.class);

    private static final Set<SignatureAlgorithm> ALGORITHMS = Set.of(SignatureAlgorithm.RS384, SignatureAlgorithm.ES384);

    private final UsedAssertions used;
    /**
     * The authorisation server checks exp and nbf against the system clock, out of reach of the
     * portal's Clock; ours must be the same, or one check could pass what the other refuses.
     */
    private final Clock clock = Clock.systemUTC();
    private final RestTemplate keyFetches;
    /** Decoders for keys at a URL keep the fetched keys (refetched for an unknown key id), per app and URL. */
    private final Map<String, JwtDecoder> byUrl = new ConcurrentHashMap<>();

    ClientAssertions(UsedAssertions used) {
        this.used = used;
        var requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.keyFetches = new RestTemplate(requests);
    }

    @Override
    public JwtDecoder createDecoder(RegisteredClient client) {
        String url = client.getClientSettings().getJwkSetUrl();
        JwtDecoder decoder;
        if (url != null && !url.isBlank()) {
            decoder = byUrl.computeIfAbsent(client.getId() + " " + url, key -> checked(
                    NimbusJwtDecoder.withJwkSetUri(url).jwsAlgorithms(all -> all.addAll(ALGORITHMS))
                            .restOperations(keyFetches).build(), client));
        } else {
            decoder = checked(NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(pasted(client)))
                    .jwsAlgorithms(all -> all.addAll(ALGORITHMS)).build(), client);
        }
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtException e) {
                // Why, for whoever sets up the EHR's client: the answer itself only says invalid_client.
                log.info("Client assertion of backend app {} refused: {}", client.getClientId(), reason(e));
                throw e;
            }
        };
    }

    private NimbusJwtDecoder checked(NimbusJwtDecoder decoder, RegisteredClient client) {
        decoder.setJwtValidator(rules(client));
        return decoder;
    }

    /** The pasted JWK Set, public parts only. */
    private static JWKSet pasted(RegisteredClient client) {
        String jwks = client.getClientSettings().getSetting(PASTED_JWKS);
        if (jwks == null || jwks.isBlank()) {
            throw invalidClient("The app has neither a JWK Set URL nor a JWK Set");
        }
        try {
            return JWKSet.parse(jwks).toPublicJWKSet();
        } catch (ParseException e) {
            log.warn("The JWK Set registered for backend app {} cannot be read", client.getClientId());
            throw invalidClient("The app's JWK Set cannot be read");
        }
    }

    OAuth2TokenValidator<Jwt> rules(RegisteredClient client) {
        OAuth2TokenValidator<Jwt> claims = JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client);
        return jwt -> {
            OAuth2TokenValidatorResult checked = claims.validate(jwt);
            if (checked.hasErrors()) {
                return checked;
            }
            Instant now = clock.instant();
            Instant expires = jwt.getExpiresAt();
            if (expires == null || expires.isAfter(now.plus(LONGEST).plus(SKEW))) {
                return refused("The exp claim is more than five minutes ahead");
            }
            String jti = jwt.getId();
            if (jti == null || jti.isBlank() || jti.length() > 255) {
                return refused("The jti claim is missing or longer than 255 characters");
            }
            if (!used.firstUse(client.getClientId(), jti, expires.plus(SKEW), now)) {
                return refused("The jti claim was used before: each assertion gets one token");
            }
            return OAuth2TokenValidatorResult.success();
        };
    }

    private static OAuth2TokenValidatorResult refused(String why) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, why, null));
    }

    private static OAuth2AuthenticationException invalidClient(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, why, null));
    }

    /** The rules' own words; for other failures only the kind, as a parser's message may quote the assertion. */
    private static String reason(JwtException e) {
        if (e instanceof JwtValidationException invalid) {
            return invalid.getErrors().stream().map(OAuth2Error::getDescription).collect(Collectors.joining("; "));
        }
        return e.getClass().getSimpleName() + " (signature, key or format)";
    }
}
