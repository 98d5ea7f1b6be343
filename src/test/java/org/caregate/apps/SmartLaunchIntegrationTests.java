package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The standalone patient launch over real HTTP: a signed-in patient approves an app, the app
 * exchanges the code with PKCE and gets an opaque access token with the patient in the response;
 * refresh tokens change at each use; revocation and introspection work.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
class SmartLaunchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    Clients clients;

    AppTokens apps;

    @BeforeEach
    void app() {
        apps = new AppTokens(port, clients);
    }

    FormSession signedIn(Account account) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/clinic/home?signed-in");
        return browser;
    }

    @Test
    void aPatientApprovesAnAppWhichGetsATokenForTheirRecord() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Health Tracker");
        JsonNode tokens = apps.launch(signedIn(ana), client, "launch/patient openid fhirUser patient/Observation.rs", null);
        assertThat(tokens.path("patient").asString()).isEqualTo(ana.patientId().value().toString());
        assertThat(tokens.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(tokens.path("scope").asString()).contains("patient/Observation.rs", "launch/patient");
        assertThat(tokens.path("access_token").asString()).isNotBlank();
        assertThat(tokens.has("id_token")).isTrue();
        assertThat(tokens.has("refresh_token")).as("no offline_access asked").isFalse();
    }

    @Test
    void theConsentPageSaysWhatTheAppAsksForInPlainWords() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Pill Reminder");
        var browser = signedIn(ana);
        var toConsent = browser.get(apps.authorizeUrl(client, "launch/patient patient/*.read offline_access", "s1",
                AppTokens.Pkce.fresh()));
        String location = URI.create(FormSession.location(toConsent)).getRawPath();
        assertThat(location).isEqualTo("/apps/consent");
        var page = browser.get(FormSession.location(browser.get(FormSession.location(toConsent)
                .substring(FormSession.location(toConsent).indexOf("/apps/consent")))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Pill Reminder", "Test results and vital signs", "Medicines", "Allergies",
                "until I disconnect it", "Don&#39;t allow");
    }

    @Test
    void theConsentPageLetsItsAnswerGoBackToTheAppButNoOtherPageDoes() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Step Counter");
        var browser = signedIn(ana);
        var toConsent = browser.get(apps.authorizeUrl(client, "launch/patient patient/Observation.rs", "s2",
                AppTokens.Pkce.fresh()));
        String consent = FormSession.location(toConsent);
        var toOrganisation = browser.get(consent.substring(consent.indexOf("/apps/consent")));
        var page = browser.get(FormSession.location(toOrganisation));
        assertThat(page.statusCode()).isEqualTo(200);
        // Browsers check every redirect after a form post against form-action: "Allow" ends at the app.
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("form-action 'self' http://127.0.0.1:9;", "script-src 'self';", "frame-ancestors 'none'");
        assertThat(browser.get("/clinic/home").headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("form-action 'self';").doesNotContain("127.0.0.1");
    }

    @Test
    void aConfidentialAppRefreshesAndEachRefreshTokenWorksOnce() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerConfidential("Family Health Server");
        JsonNode tokens = apps.launch(signedIn(ana), client, "launch/patient patient/*.rs offline_access", null);
        String refresh = tokens.path("refresh_token").asString();
        assertThat(refresh).isNotBlank();
        var again = apps.refresh(client, refresh);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode renewed = apps.json(again.body());
        assertThat(renewed.path("refresh_token").asString()).isNotBlank().isNotEqualTo(refresh);
        assertThat(renewed.path("access_token").asString()).isNotEqualTo(tokens.path("access_token").asString());
        var reused = apps.refresh(client, refresh);
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("invalid_grant");

        var active = apps.json(apps.introspect(client, renewed.path("access_token").asString()).body());
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(apps.revoke(client, renewed.path("access_token").asString()).statusCode()).isEqualTo(200);
        var revoked = apps.json(apps.introspect(client, renewed.path("access_token").asString()).body());
        assertThat(revoked.path("active").asBoolean()).isFalse();
    }

    @Test
    void theSmartConfigurationNamesTheEndpointsAndPkce() throws Exception {
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(apps.base() + "/fhir/.well-known/smart-configuration")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode config = apps.json(answer.body());
        assertThat(config.path("authorization_endpoint").asString()).isEqualTo(apps.base() + "/oauth2/authorize");
        assertThat(config.path("token_endpoint").asString()).isEqualTo(apps.base() + "/oauth2/token");
        assertThat(config.path("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(config.path("capabilities").toString()).contains("launch-standalone", "permission-v2");
        var keys = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(apps.base() + "/oauth2/jwks")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(keys.statusCode()).isEqualTo(200);
        assertThat(keys.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }
}
