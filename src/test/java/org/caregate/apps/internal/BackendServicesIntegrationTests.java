package org.caregate.apps.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.jwk.ECKey;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.caregate.TestPatients;
import org.caregate.apps.AppCallers;
import org.caregate.apps.BackendApps;
import org.caregate.apps.BackendApps.Backend;
import org.caregate.patient.Patient;
import org.caregate.record.RecordImportIntegrationTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * SMART Backend Services over real HTTP: the EHR's import client proves itself with a JWT signed by
 * its own key (RS384 with a pasted JWK Set, ES384 with keys at a URL served here) and gets a short
 * system token; every assertion that is not exactly right is refused, each one works once, and the
 * token reads no patient's record through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
class BackendServicesIntegrationTests {

    private static final String FHIR_JSON = "application/fhir+json";

    /** The EHR's JWK Set URL: a tiny server on the loopback address, as the EHR would publish its keys. */
    private static HttpServer keyServer;
    private static final ECKey PUBLISHED = BackendApps.ecKey();
    private static final AtomicInteger KEY_FETCHES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    Clients clients;

    @Autowired
    TestPatients patients;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    LocalTokens tokens;

    @Autowired
    AppCallers callers;

    @Autowired
    ExpiredSystemApprovals expired;

    BackendApps apps;

    @BeforeAll
    static void publishKeys() throws Exception {
        keyServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keyServer.createContext("/.well-known/jwks.json", exchange -> {
            KEY_FETCHES.incrementAndGet();
            byte[] body = BackendApps.publicJwks(PUBLISHED).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
    }

    @AfterAll
    static void stopKeyServer() {
        keyServer.stop(0);
    }

    @BeforeEach
    void client() {
        apps = new BackendApps(port, clients);
    }

    @Test
    void aBackendAppWithPastedKeysGetsAFiveMinuteSystemTokenWithoutRefreshToken() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(apps.assertion(ehr), "system/*.write");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode token = apps.json(answer.body());
        assertThat(token.path("access_token").asString()).isNotBlank();
        assertThat(token.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(token.path("expires_in").asLong()).isBetween(290L, 300L);
        assertThat(token.path("scope").asString()).isEqualTo("system/*.write");
        assertThat(token.has("refresh_token")).isFalse();
        assertThat(token.has("patient")).isFalse();
        // Opaque: a reference to the stored approval, not a JWT anyone could read.
        assertThat(token.path("access_token").asString()).doesNotContain(".");
    }

    @Test
    void keysAtTheAppsJwkSetUrlAreFetchedAndEs384IsAcceptedAndTheTokenImportsABundle() throws Exception {
        String url = "http://127.0.0.1:" + keyServer.getAddress().getPort() + "/.well-known/jwks.json";
        Backend ehr = apps.register("Riverbend EHR (keys at a URL)", PUBLISHED, url, BackendApps.SYSTEM_SCOPES);
        int fetchesBefore = KEY_FETCHES.get();

        var answer = apps.tokenRequest(apps.assertion(ehr), "system/*.cud");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(KEY_FETCHES.get()).isGreaterThan(fetchesBefore);
        String token = apps.json(answer.body()).path("access_token").asString();
        Patient patient = patients.patient("clinic");
        String bundle = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));
        var imported = apps.importBundle("?organization=clinic", token, FHIR_JSON, bundle);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("transaction-response");
    }

    @Test
    void anAssertionSignedWithAnotherKeyIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(BackendApps.assertion(BackendApps.rsaKey(), ehr.clientId(), apps.tokenEndpoint(),
                Instant.now().plusSeconds(120), UUID.randomUUID().toString()), "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void anExpiredAssertionIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(BackendApps.assertion(ehr.key(), ehr.clientId(), apps.tokenEndpoint(),
                Instant.now().minus(Duration.ofMinutes(2)), UUID.randomUUID().toString()), "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void anAssertionValidForMoreThanFiveMinutesIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(BackendApps.assertion(ehr.key(), ehr.clientId(), apps.tokenEndpoint(),
                Instant.now().plus(Duration.ofMinutes(10)), UUID.randomUUID().toString()), "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void anAssertionForAnotherAudienceIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(BackendApps.assertion(ehr.key(), ehr.clientId(),
                "https://elsewhere.example/oauth2/token", Instant.now().plusSeconds(120), UUID.randomUUID().toString()),
                "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void anAssertionNamingAnotherClientIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        Backend other = apps.registerWithPastedKeys("Another EHR");

        // Signed with the other app's key, claiming to be the EHR: the EHR's keys do not verify it.
        var answer = apps.tokenRequest(BackendApps.assertion(other.key(), ehr.clientId(), apps.tokenEndpoint(),
                Instant.now().plusSeconds(120), UUID.randomUUID().toString()), "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void eachAssertionGetsOneTokenAndAReplayIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        String assertion = apps.assertion(ehr);

        var first = apps.tokenRequest(assertion, "system/*.write");
        var replay = apps.tokenRequest(assertion, "system/*.write");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertInvalidClient(replay);
        assertThat(jdbc.sql("SELECT count(*) FROM app_client_assertion WHERE client_id = ?").param(ehr.clientId())
                .query(Long.class).single()).isEqualTo(1);
        // A new assertion (a new jti) works.
        assertThat(apps.tokenRequest(apps.assertion(ehr), "system/*.write").statusCode()).isEqualTo(200);
    }

    @Test
    void anAssertionWithoutJtiIsRefused() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");

        var answer = apps.tokenRequest(BackendApps.assertion(ehr.key(), ehr.clientId(), apps.tokenEndpoint(),
                Instant.now().plusSeconds(120), null), "system/*.write");

        assertInvalidClient(answer);
    }

    @Test
    void usedAssertionsAreForgottenOnceExpired() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        jdbc.sql("INSERT INTO app_client_assertion (client_id, jti, expires_at) VALUES (?, 'old', now() - interval '1 minute')")
                .param(ehr.clientId()).update();

        assertThat(apps.tokenRequest(apps.assertion(ehr), "system/*.write").statusCode()).isEqualTo(200);

        assertThat(jdbc.sql("SELECT count(*) FROM app_client_assertion WHERE jti = 'old'").query(Long.class).single())
                .isZero();
    }

    @Test
    void aBackendAppsApprovalIsDeletedADayAfterItsTokenExpired() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        apps.token(ehr);
        apps.token(ehr);
        jdbc.sql("""
                UPDATE app_authorization SET access_expires_at = now() - interval '2 days'
                WHERE id = (SELECT a.id FROM app_authorization a JOIN app_client c ON c.id = a.app_id
                            WHERE c.client_id = ? ORDER BY a.created_at LIMIT 1)
                """).param(ehr.clientId()).update();

        expired.remove();

        assertThat(jdbc.sql("""
                SELECT count(*) FROM app_authorization a JOIN app_client c ON c.id = a.app_id WHERE c.client_id = ?
                """).param(ehr.clientId()).query(Long.class).single()).as("the other token's approval stays").isEqualTo(1);
    }

    @Test
    void aScopeTheAppWasNotGivenIsRefused() throws Exception {
        // Registered with a patient scope by mistake: a system client still gets system scopes only.
        Backend ehr = apps.register("Riverbend EHR", BackendApps.rsaKey(), null,
                List.of("system/*.write", "patient/*.read"));

        var read = apps.tokenRequest(apps.assertion(ehr), "system/*.read");
        var patient = apps.tokenRequest(apps.assertion(ehr), "patient/*.read");

        assertThat(read.statusCode()).isEqualTo(400);
        assertThat(read.body()).contains("invalid_scope");
        assertThat(patient.statusCode()).isEqualTo(400);
        assertThat(patient.body()).contains("invalid_scope");
    }

    @Test
    void aDisabledAppGetsNoTokenAndItsTokenStopsAtOnce() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        String token = apps.token(ehr);

        clients.disable(ehr.id(), Instant.now());

        assertInvalidClient(apps.tokenRequest(apps.assertion(ehr), "system/*.write"));
        var refused = apps.importBundle("?organization=clinic", token, FHIR_JSON, "{\"resourceType\":\"Bundle\"}");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer").contains("invalid_token"));
    }

    @Test
    void aSystemTokenReadsNoPatientsRecordThroughTheApi() throws Exception {
        Backend ehr = apps.registerWithPastedKeys("Riverbend EHR");
        String token = apps.token(ehr);
        var principal = tokens.introspect(token);

        SecurityContextHolder.getContext().setAuthentication(new BearerTokenAuthentication(principal,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, token, null, null), principal.getAuthorities()));
        try {
            assertThatThrownBy(callers::current).isInstanceOf(AppCallers.AccessEnded.class);
        } finally {
            SecurityContextHolder.clearContext();
        }
        var http = HttpClient.newHttpClient();
        var read = http.send(HttpRequest.newBuilder(URI.create(apps.base() + "/fhir/Patient/" + UUID.randomUUID()))
                .header("Accept", "application/fhir+json").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(403);
        var metadata = http.send(HttpRequest.newBuilder(URI.create(apps.base() + "/fhir/metadata")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).as("the capability statement is public").isEqualTo(200);
    }

    @Test
    void theSmartConfigurationOffersBackendServices() throws Exception {
        var answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(apps.base() + "/fhir/.well-known/smart-configuration")).build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode config = apps.json(answer.body());
        assertThat(config.path("token_endpoint_auth_methods_supported").toString()).contains("private_key_jwt");
        assertThat(config.path("token_endpoint_auth_signing_alg_values_supported").toString()).contains("RS384", "ES384");
        assertThat(config.path("grant_types_supported").toString()).contains("client_credentials");
        assertThat(config.path("scopes_supported").toString()).contains("system/*.write", "system/*.cud");
    }

    private static void assertInvalidClient(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.body()).contains("invalid_client").doesNotContain("access_token");
    }
}
