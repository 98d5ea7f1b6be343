package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.proxy.CareGrants;
import org.caregate.notify.MutableClockConfiguration;
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
@Import({TestPatients.class, MutableClockConfiguration.class})
class SmartLaunchIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    Clients clients;

    @Autowired
    org.caregate.notify.MutableClock clock;

    @Autowired
    OAuth2AuthorizationService approvals;

    @Autowired
    CareGrants grants;

    /**
     * Makes an access token's hour pass: the stored token gets the times it would have had an hour
     * ago (the authorisation server checks lifetimes against the system clock, not the test's).
     */
    void expire(String token) {
        OAuth2Authorization approval = approvals.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        OAuth2AccessToken access = approval.getAccessToken().getToken();
        Instant past = Instant.now().minus(Duration.ofMinutes(61));
        approvals.save(OAuth2Authorization.from(approval).token(new OAuth2AccessToken(access.getTokenType(),
                access.getTokenValue(), past, past.plus(Duration.ofHours(1)), access.getScopes())).build());
    }

    AppTokens apps;

    @BeforeEach
    void app() {
        // Sign-ins come from 127.0.0.1: a new hour refills the address's allowance.
        clock.advance(java.time.Duration.ofHours(1));
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
        var page = apps.consentPage(browser, apps.authorizeUrl(client, "launch/patient patient/*.read offline_access",
                "s1", AppTokens.Pkce.fresh()));
        assertThat(page.body()).contains("Pill Reminder", "Test results and vital signs", "Medicines", "Allergies",
                "until I disconnect it", "Don&#39;t allow");
    }

    @Test
    void theConsentPageLetsItsAnswerGoBackToTheAppButNoOtherPageDoes() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Step Counter");
        var browser = signedIn(ana);
        var page = apps.consentPage(browser, apps.authorizeUrl(client, "launch/patient patient/Observation.rs", "s2",
                AppTokens.Pkce.fresh()));
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
    void appsInABrowserCallTheFhirApiAndTheTokenEndpointFromTheirOwnOriginButNotThePortalsPages() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        String origin = "http://127.0.0.1:9";
        for (String path : new String[] {"/fhir/.well-known/smart-configuration", "/fhir/metadata"}) {
            var answer = http.send(java.net.http.HttpRequest.newBuilder(URI.create(apps.base() + path))
                    .header("Origin", origin).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains(origin);
        }
        // A search with a bearer token is asked about first (a preflight); a public app's code exchange is a plain form post.
        var preflight = http.send(java.net.http.HttpRequest.newBuilder(URI.create(apps.base() + "/fhir/Observation?category=laboratory"))
                .header("Origin", origin).header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).get().asString()
                .containsIgnoringCase("authorization");
        var exchange = http.send(java.net.http.HttpRequest.newBuilder(URI.create(apps.base() + "/oauth2/token"))
                .header("Origin", origin).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=made-up"
                        + "&client_id=nobody&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fcallback&code_verifier=x"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(exchange.statusCode()).isIn(400, 401);
        assertThat(exchange.headers().firstValue("Access-Control-Allow-Origin")).contains(origin);
        var page = http.send(java.net.http.HttpRequest.newBuilder(URI.create(apps.base() + "/clinic/sign-in"))
                .header("Origin", origin).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
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

    @Test
    void aWrongPkceVerifierGetsNoToken() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Verifier Check");
        var pkce = AppTokens.Pkce.fresh();
        URI back = apps.approve(signedIn(ana), client, "launch/patient patient/Observation.rs", pkce, null);
        var refused = apps.exchange(client, AppTokens.query(back).get("code"), AppTokens.Pkce.fresh().verifier());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("invalid_grant").doesNotContain("access_token");
        var none = apps.exchange(client, AppTokens.query(back).get("code"), "");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(none.body()).doesNotContain("access_token");
    }

    @Test
    void aCodeWorksOnceAndItsReuseEndsTheTokensItGave() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerConfidential("Code Reuse Check");
        var pkce = AppTokens.Pkce.fresh();
        URI back = apps.approve(signedIn(ana), client, "launch/patient patient/Observation.rs", pkce, null);
        String code = AppTokens.query(back).get("code");
        var first = apps.exchange(client, code, pkce.verifier());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String token = apps.json(first.body()).path("access_token").asString();
        assertThat(apps.json(apps.introspect(client, token).body()).path("active").asBoolean()).isTrue();
        var again = apps.exchange(client, code, pkce.verifier());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
        // A stolen code used twice: the token the first use gave stops too (RFC 6749 section 4.1.2).
        assertThat(apps.json(apps.introspect(client, token).body()).path("active").asBoolean()).isFalse();
    }

    @Test
    void anUnregisteredRedirectUriIsRefusedWithoutSendingTheBrowserThere() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Redirect Check");
        var browser = signedIn(ana);
        for (String other : java.util.List.of("http://127.0.0.1:10/callback", "http://127.0.0.1:9/callback/extra",
                "http://127.0.0.1:9/callback?x=1", "https://evil.example/callback")) {
            var elsewhere = new AppTokens.Client(client.clientId(), null, other);
            var answer = browser.get(apps.authorizeUrl(elsewhere, "launch/patient patient/Observation.rs", "s",
                    AppTokens.Pkce.fresh()));
            assertThat(answer.statusCode()).as(other).isEqualTo(400);
            assertThat(answer.headers().firstValue("Location")).isEmpty();
        }
    }

    @Test
    void anAuthorisationRequestForAnotherServerOrWithoutPkceIsRefused() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Audience Check");
        var browser = signedIn(ana);
        String url = apps.authorizeUrl(client, "launch/patient patient/Observation.rs", "s1", AppTokens.Pkce.fresh());
        var otherAudience = browser.get(url.replace("aud=http", "aud=https%3A%2F%2Fother.example%2Ffhir&x=http"));
        assertThat(FormSession.location(otherAudience)).startsWith("/callback?error=invalid_request");
        var noPkce = browser.get(url.replaceAll("&?code_challenge(_method)?=[^&]*", ""));
        assertThat(FormSession.location(noPkce)).startsWith("/callback?error=invalid_request");
        var plain = browser.get(url.replace("code_challenge_method=S256", "code_challenge_method=plain"));
        assertThat(FormSession.location(plain)).startsWith("/callback?error=invalid_request");
    }

    @Test
    void refusingSendsThePersonBackToTheAppWithAccessDenied() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Refusal Check");
        var browser = signedIn(ana);
        String body = apps.consentPage(browser, apps.authorizeUrl(client, "launch/patient patient/Observation.rs", "s9",
                AppTokens.Pkce.fresh())).body();
        String state = body.replaceAll("(?s).*id=\"allow-form\".*?name=\"state\" value=\"([^\"]+)\".*", "$1");
        var refused = browser.post("/oauth2/authorize", "client_id", client.clientId(), "state", state);
        assertThat(FormSession.location(refused)).startsWith("/callback?error=access_denied").contains("state=s9");
    }

    @Test
    void someoneNotSignedInSignsInFirstAndThenSeesTheConsentPage() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerPublic("Sign In First");
        var browser = new FormSession(port);
        var answer = browser.get(apps.authorizeUrl(client, "launch/patient patient/Observation.rs", "s2",
                AppTokens.Pkce.fresh()));
        // Several organisations here: "Where do you get care?" first, then the sign-in page.
        assertThat(FormSession.location(answer)).isEqualTo("/");
        var signedIn = browser.signIn("clinic", ana.username(), TestPatients.PASSWORD);
        String next = FormSession.location(signedIn);
        assertThat(next).startsWith("/oauth2/authorize?").contains("client_id=" + client.clientId());
        var cleaned = browser.get(next);
        var toConsent = browser.get(FormSession.location(cleaned));
        assertThat(URI.create(FormSession.location(toConsent)).getRawPath()).isEqualTo("/apps/consent");
    }

    @Test
    void anExpiredOrRevokedTokenOpensNothing() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerConfidential("Expiry Check");
        JsonNode tokens = apps.launch(signedIn(ana), client, "launch/patient patient/Patient.rs", null);
        String token = tokens.path("access_token").asString();
        String patient = "/Patient/" + ana.patientId().value();
        assertThat(apps.fhir(patient, token).statusCode()).isNotEqualTo(401);
        expire(token);
        var expired = apps.fhir(patient, token);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.headers().firstValue("WWW-Authenticate").orElse("")).contains("Bearer", "invalid_token");
        assertThat(expired.body()).contains("OperationOutcome").doesNotContain(ana.patientId().value().toString());

        JsonNode fresh = apps.launch(signedIn(ana), client, "launch/patient patient/Patient.rs", null);
        String second = fresh.path("access_token").asString();
        assertThat(apps.fhir(patient, second).statusCode()).isNotEqualTo(401);
        assertThat(apps.revoke(client, second).statusCode()).isEqualTo(200);
        assertThat(apps.fhir(patient, second).statusCode()).isEqualTo(401);
        assertThat(apps.fhir(patient, null).statusCode()).isEqualTo(401);
        assertThat(apps.fhir(patient, "made-up-token").statusCode()).isEqualTo(401);
    }

    @Test
    void aCaregiverWithFullAccessMayApproveForThePatientAndOnlyWhileTheAccessLasts() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        Account maria = patients.patientWithAccount("clinic");
        var invitation = grants.invite(ana.id(), ana.patientId(), "clinic", "Maria", "maria@example.org", "spouse",
                CareGrants.Terms.fullAccess(null));
        assertThat(grants.accept(invitation.grant().id(), maria.id(), maria.patientId())).isTrue();
        var client = apps.registerPublic("Family Organiser");
        var browser = signedIn(maria);

        JsonNode tokens = apps.launch(browser, client, "launch/patient patient/Patient.rs", ana.patientId().value().toString());
        assertThat(tokens.path("patient").asString()).isEqualTo(ana.patientId().value().toString());
        String token = tokens.path("access_token").asString();
        assertThat(apps.fhir("/Patient/" + ana.patientId().value(), token).statusCode()).isNotIn(401, 403);

        // Limited to results: the approval no longer holds, at once, and the consent page no longer offers Ana.
        grants.change(invitation.grant().id(), ana.id(), new CareGrants.Terms(false,
                java.util.Map.of(org.caregate.proxy.Area.RESULTS, org.caregate.proxy.Access.READ), null));
        var refused = apps.fhir("/Patient/" + ana.patientId().value(), token);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("OperationOutcome").doesNotContain(ana.patientId().value().toString());
        var page = apps.consentPage(browser, apps.authorizeUrl(client, "launch/patient patient/Patient.rs", "s3",
                AppTokens.Pkce.fresh()));
        String allowForm = page.body().substring(page.body().indexOf("id=\"allow-form\""));
        assertThat(allowForm.substring(0, allowForm.indexOf("</form>"))).doesNotContain(ana.patientId().value().toString());
    }
}
