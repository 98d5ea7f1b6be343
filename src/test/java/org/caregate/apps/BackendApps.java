package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.apps.internal.Clients;
import org.caregate.apps.internal.Clients.App;
import org.caregate.apps.internal.Clients.Kind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The EHR's import client's side of SMART Backend Services, over real HTTP, for tests: registers a
 * backend app with its public keys (pasted, or at a URL), signs client assertions with the private
 * key (nimbus-jose-jwt, keys made here), and asks the token endpoint for tokens.
 */
public class BackendApps {

    public static final List<String> SYSTEM_SCOPES = List.of("system/*.write", "system/*.cud");

    private final int port;
    private final Clients clients;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public BackendApps(int port, Clients clients) {
        this.port = port;
        this.clients = clients;
    }

    /** A registered backend app as the test knows it: its id, client id, and the private key it signs with. */
    public record Backend(UUID id, String clientId, JWK key) {}

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public String tokenEndpoint() {
        return base() + "/oauth2/token";
    }

    public static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID(UUID.randomUUID().toString()).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public JWK Set of a key, as an administrator pastes it or the app publishes it. */
    public static String publicJwks(JWK key) {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** A backend app with a new RSA key, its public JWK Set pasted at registration. */
    public Backend registerWithPastedKeys(String name) {
        return register(name, rsaKey(), null, SYSTEM_SCOPES);
    }

    /**
     * Registers a backend app signing with {@code key}: with {@code jwksUrl} its keys are fetched from
     * there, without it the public JWK Set is pasted.
     */
    public Backend register(String name, JWK key, @Nullable String jwksUrl, List<String> scopes) {
        String clientId = "test-ehr-" + UUID.randomUUID();
        UUID id = UUID.randomUUID();
        clients.add(new App(id, clientId, name, Kind.BACKEND, null, List.of(), scopes, jwksUrl,
                jwksUrl == null ? publicJwks(key) : null, Instant.now(), null), null);
        return new Backend(id, clientId, key);
    }

    /** A client assertion as SMART asks: iss = sub = client id, aud the token endpoint, exp in 4 minutes, a new jti. */
    public String assertion(Backend app) {
        return assertion(app.key(), app.clientId(), tokenEndpoint(), Instant.now().plus(Duration.ofMinutes(4)),
                UUID.randomUUID().toString());
    }

    public static String assertion(JWK key, String clientId, String audience, Instant expires, @Nullable String jti) {
        try {
            JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
            JWSSigner signer = key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
            var claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                    .expirationTime(Date.from(expires));
            if (jti != null) {
                claims.jwtID(jti);
            }
            var jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(signer);
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token request of SMART Backend Services: client credentials with a JWT client assertion. */
    public HttpResponse<String> tokenRequest(String assertion, String scope) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "client_credentials");
        fields.put("scope", scope);
        fields.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
        fields.put("client_assertion", assertion);
        String form = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh access token for {@code system/*.write}. */
    public String token(Backend app) throws Exception {
        var answer = tokenRequest(assertion(app), "system/*.write");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer.body()).path("access_token").asString();
    }

    public JsonNode json(String body) {
        return json.readTree(body);
    }

    /** Posts a bundle to the record import with a bearer token (none when {@code token} is null). */
    public HttpResponse<String> importBundle(String query, @Nullable String token, String contentType, String body)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + "/staff/record/import" + query))
                .header("Accept", "application/fhir+json").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
