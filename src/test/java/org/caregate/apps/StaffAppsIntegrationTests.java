package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Registering and disabling apps on the staff page, over real HTTP, as a staff administrator: a
 * browser app, a server app whose secret is shown once and kept only as a hash, a backend service
 * with its public keys; every refused form says what is wrong next to the field and saves nothing;
 * other staff are refused; a disabled app can neither connect nor use its tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
@ExtendWith(OutputCaptureExtension.class)
class StaffAppsIntegrationTests {

    private static final Pattern CLIENT_ID = Pattern.compile("<code id=\"client-id\">([^<]+)</code>");
    private static final Pattern SECRET = Pattern.compile("id=\"secret\" class=\"secret\" type=\"text\" readonly spellcheck=\"false\" autocomplete=\"off\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    Clients clients;

    @Autowired
    AppRegistrations registrations;

    @Autowired
    JdbcClient jdbc;

    AppTokens apps;

    @BeforeEach
    void app() {
        apps = new AppTokens(port, clients);
    }

    @Test
    void anAdministratorRegistersABrowserAppThatPatientsCanThenConnect() throws Exception {
        FormSession admin = staff(StaffRole.ADMINISTRATOR);
        assertThat(admin.get("/staff").body()).contains("href=\"/staff/apps\"");
        assertThat(admin.get("/staff/apps/new").statusCode()).isEqualTo(200);
        String name = "Health Tracker " + TestPatients.tag();

        var answer = admin.post("/staff/apps", "name", name, "kind", "PUBLIC", "redirectUris",
                "https://tracker.example.org/callback\r\n\r\n" + AppTokens.REDIRECT + "\r\n", "jwksUrl", "", "jwks", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("is registered", "Browser or phone app").doesNotContain("Client secret");
        Clients.App app = clients.find(clientId(answer)).orElseThrow();
        assertThat(app.clientId()).matches("[A-Za-z0-9_-]{22}");
        assertThat(app.name()).isEqualTo(name);
        assertThat(app.kind()).isEqualTo(Clients.Kind.PUBLIC);
        assertThat(app.secretHash()).isNull();
        assertThat(app.redirectUris()).containsExactly("https://tracker.example.org/callback", AppTokens.REDIRECT);
        assertThat(app.scopes()).containsExactlyInAnyOrderElementsOf(SmartScopes.patientReadScopes());
        assertThat(admin.get("/staff/apps").body()).contains(name, app.clientId(), "https://tracker.example.org/callback",
                "In use");

        Account ana = patients.patientWithAccount("clinic");
        JsonNode tokens = apps.launch(patient(ana), new AppTokens.Client(app.clientId(), null, AppTokens.REDIRECT),
                "launch/patient patient/Observation.rs", null);
        assertThat(tokens.path("patient").asString()).isEqualTo(ana.patientId().value().toString());
    }

    @Test
    void aServerAppsSecretIsShownOnceKeptOnlyAsAHashAndWorksAtTheTokenEndpoint(CapturedOutput output) throws Exception {
        FormSession admin = staff(StaffRole.ADMINISTRATOR);
        String name = "Family Health Server " + TestPatients.tag();

        var answer = admin.post("/staff/apps", "name", name, "kind", "CONFIDENTIAL", "redirectUris", AppTokens.REDIRECT,
                "jwksUrl", "", "jwks", "");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("copy it now", "It is not shown again");
        Matcher shown = SECRET.matcher(answer.body());
        assertThat(shown.find()).as(answer.body()).isTrue();
        String secret = shown.group(1);
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        Clients.App app = clients.find(clientId(answer)).orElseThrow();
        assertThat(app.secretHash()).startsWith("{bcrypt}").doesNotContain(secret);
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches(secret, app.secretHash())).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM app_client WHERE secret_hash LIKE ?").param("%" + secret + "%")
                .query(Integer.class).single()).isZero();
        assertThat(admin.get("/staff/apps").body()).contains(name).doesNotContain(secret);
        assertThat(output.getOut()).contains("App registered by staff account", app.clientId()).doesNotContain(secret);

        // The app signs in to the token endpoint with the secret (client_secret_basic) and refreshes.
        var client = new AppTokens.Client(app.clientId(), secret, AppTokens.REDIRECT);
        JsonNode tokens = apps.launch(patient(patients.patientWithAccount("clinic")), client,
                "launch/patient patient/*.rs offline_access", null);
        assertThat(apps.refresh(client, tokens.path("refresh_token").asString()).statusCode()).isEqualTo(200);
        var wrongSecret = apps.refresh(new AppTokens.Client(app.clientId(), secret + "x", AppTokens.REDIRECT),
                tokens.path("refresh_token").asString());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void aBackendServiceIsRegisteredWithItsPublicKeysOrTheirAddress() throws Exception {
        FormSession admin = staff(StaffRole.ADMINISTRATOR);
        RSAKey key = new RSAKeyGenerator(2048).keyID("ehr-" + TestPatients.tag()).generate();

        var pasted = admin.post("/staff/apps", "name", "EHR import " + TestPatients.tag(), "kind", "BACKEND",
                "redirectUris", "", "jwksUrl", "", "jwks", new JWKSet(key.toPublicJWK()).toString());
        var published = admin.post("/staff/apps", "name", "EHR import " + TestPatients.tag(), "kind", "BACKEND",
                "redirectUris", "", "jwksUrl", "https://ehr.example.org/.well-known/jwks.json", "jwks", "");

        assertThat(pasted.statusCode()).as(pasted.body()).isEqualTo(200);
        Clients.App withKeys = clients.find(clientId(pasted)).orElseThrow();
        assertThat(withKeys.kind()).isEqualTo(Clients.Kind.BACKEND);
        assertThat(withKeys.scopes()).containsExactly("system/*.write", "system/*.cud");
        assertThat(withKeys.redirectUris()).isEmpty();
        assertThat(withKeys.secretHash()).isNull();
        assertThat(JWKSet.parse(withKeys.jwks()).getKeyByKeyId(key.getKeyID()).isPrivate()).isFalse();
        assertThat(withKeys.jwks()).doesNotContain("\"d\"");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        Clients.App withAddress = clients.find(clientId(published)).orElseThrow();
        assertThat(withAddress.jwksUrl()).isEqualTo("https://ehr.example.org/.well-known/jwks.json");
        assertThat(withAddress.jwks()).isNull();
    }

    @Test
    void refusedFormsSayWhatIsWrongNextToTheFieldAndSaveNothing() throws Exception {
        FormSession admin = staff(StaffRole.ADMINISTRATOR);
        RSAKey key = new RSAKeyGenerator(2048).keyID("leaked").generate();
        String privateKeys = new JWKSet(key).toString(false);
        assertThat(privateKeys).contains("\"d\"");
        String name = "Refused " + TestPatients.tag();

        assertRefused(admin, List.of("name", "", "kind", "", "redirectUris", "", "jwksUrl", "", "jwks", ""),
                "name", "Type the app&#39;s name.", "kind", "Choose what kind of app it is.");
        assertRefused(admin, form(name, "PUBLIC", "", "", ""), "redirectUris", "Type at least one redirect address.");
        assertRefused(admin, form(name, "PUBLIC", "http://tracker.example.org/callback", "", ""), "redirectUris",
                "“http://tracker.example.org/callback” does not start with https://.");
        assertRefused(admin, form(name, "CONFIDENTIAL", "https://tracker.example.org/callback#done", "", ""),
                "redirectUris", "has a # part");
        assertRefused(admin, form(name, "PUBLIC", "tracker.example.org/callback", "", ""), "redirectUris",
                "is not a full web address");
        assertRefused(admin, form(name, "PUBLIC", "https://user:pw@tracker.example.org/callback", "", ""),
                "redirectUris", "is not a full web address");
        assertRefused(admin, form(name, "PUBLIC", "https://tracker.example.org/callback", "https://a.example.org/jwks", ""),
                "jwksUrl", "Only backend services have keys.");
        var leaked = assertRefused(admin, form(name, "BACKEND", "", "", privateKeys), "jwks", "holds a private or secret key");
        assertThat(leaked).as("the private key is not sent back").doesNotContain(key.getPrivateExponent().toString());
        assertRefused(admin, form(name, "BACKEND", "", "", "{\"keys\": \"none\"}"), "jwks", "This is not a JWK Set.");
        assertRefused(admin, form(name, "BACKEND", "", "", "{\"keys\": []}"), "jwks", "This key set has no keys.");
        assertRefused(admin, form(name, "BACKEND", "", "", ""), "jwksUrl", "Give the address of the service");
        assertRefused(admin, form(name, "BACKEND", "", "http://ehr.example.org/jwks.json", ""), "jwksUrl",
                "is not a full https:// address");
        assertRefused(admin, form(name, "BACKEND", "", "https://ehr.example.org/jwks.json",
                new JWKSet(key.toPublicJWK()).toString()), "jwksUrl", "not both");
        assertRefused(admin, form(name, "BACKEND", "https://ehr.example.org/callback", "https://ehr.example.org/jwks.json", ""),
                "redirectUris", "Backend services do not send anyone back");
        assertThat(jdbc.sql("SELECT count(*) FROM app_client WHERE name = ?").param(name).query(Integer.class).single())
                .isZero();
    }

    @Test
    void otherStaffAndPatientsAreRefused() throws Exception {
        FormSession support = staff(StaffRole.SUPPORT);
        String name = "Not allowed " + TestPatients.tag();

        assertThat(support.get("/staff").body()).doesNotContain("href=\"/staff/apps\"");
        assertThat(support.get("/staff/apps").statusCode()).isEqualTo(403);
        assertThat(support.get("/staff/apps/new").statusCode()).isEqualTo(403);
        assertThat(support.post("/staff/apps", form(name, "PUBLIC", AppTokens.REDIRECT, "", "").toArray(String[]::new))
                .statusCode()).isEqualTo(403);
        var someApp = apps.registerPublic("Someone's app");
        UUID id = clients.find(someApp.clientId()).orElseThrow().id();
        assertThat(support.post("/staff/apps/" + id + "/disable").statusCode()).isEqualTo(403);

        FormSession patient = patient(patients.patientWithAccount("clinic"));
        assertThat(patient.get("/staff/apps").statusCode()).isIn(302, 403);
        assertThat(patient.post("/staff/apps", form(name, "PUBLIC", AppTokens.REDIRECT, "", "").toArray(String[]::new))
                .statusCode()).isIn(302, 403);

        assertThat(jdbc.sql("SELECT count(*) FROM app_client WHERE name = ?").param(name).query(Integer.class).single())
                .isZero();
        assertThat(clients.find(id).orElseThrow().disabledAt()).isNull();
    }

    @Test
    void aDisabledAppCanNeitherConnectNorUseItsTokens(CapturedOutput output) throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        FormSession browser = patient(ana);
        var client = apps.registerConfidential("Soon Disabled");
        JsonNode tokens = apps.launch(browser, client, "launch/patient patient/*.rs offline_access", null);
        UUID id = clients.find(client.clientId()).orElseThrow().id();
        String search = "/Observation?patient=" + ana.patientId().value();
        assertThat(apps.fhir(search, tokens.path("access_token").asString()).statusCode()).isEqualTo(200);
        FormSession admin = staff(StaffRole.ADMINISTRATOR);

        var confirm = admin.get("/staff/apps/" + id + "/disable");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Disable \u201cSoon Disabled\u201d?", "its connection to 1 patient record ends now");
        var done = admin.post("/staff/apps/" + id + "/disable");

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(done)).isEqualTo("/staff/apps");
        assertThat(admin.get("/staff/apps").body()).contains("Soon Disabled is disabled.", "Disabled");
        assertThat(clients.find(id).orElseThrow().disabledAt()).isNotNull();
        assertThat(jdbc.sql("SELECT count(*) FROM app_authorization WHERE app_id = ?").param(id).query(Integer.class)
                .single()).isZero();
        assertThat(output.getOut()).contains("App disabled by staff account", client.clientId(), "approvals removed 1");
        // Its tokens no longer work, nor does the app itself.
        assertThat(apps.fhir(search, tokens.path("access_token").asString()).statusCode()).isEqualTo(401);
        var refreshed = apps.refresh(client, tokens.path("refresh_token").asString());
        assertThat(refreshed.statusCode()).isIn(400, 401);
        assertThat(refreshed.body()).containsAnyOf("invalid_client", "invalid_grant");
        var authorize = browser.get(apps.authorizeUrl(client, "launch/patient patient/*.rs", "s1", AppTokens.Pkce.fresh()));
        assertThat(authorize.statusCode()).isNotEqualTo(302);
        assertThat(browser.get("/clinic/apps").body()).doesNotContain("Soon Disabled");
        // Disabling again: nothing left to disable.
        assertThat(admin.get("/staff/apps/" + id + "/disable").statusCode()).isEqualTo(404);
        assertThat(admin.post("/staff/apps/" + id + "/disable").statusCode()).isEqualTo(404);
    }

    @Test
    void theDemoRegistersItsAppOnceUnderItsOwnClientId() {
        String clientId = "demo-app-" + TestPatients.tag();

        assertThat(registrations.registerPublicAppOnce(clientId, "Caregate demo app",
                List.of("http://localhost:8080/demo-app/callback"))).isTrue();
        assertThat(registrations.registerPublicAppOnce(clientId, "Caregate demo app",
                List.of("http://localhost:8080/demo-app/callback"))).isFalse();

        Clients.App app = clients.find(clientId).orElseThrow();
        assertThat(app.kind()).isEqualTo(Clients.Kind.PUBLIC);
        assertThat(app.redirectUris()).containsExactly("http://localhost:8080/demo-app/callback");
        assertThat(jdbc.sql("SELECT count(*) FROM app_client WHERE client_id = ?").param(clientId).query(Integer.class)
                .single()).isEqualTo(1);
    }

    private String assertRefused(FormSession admin, List<String> fields, String... fieldsAndWords) throws Exception {
        var answer = admin.post("/staff/apps", fields.toArray(String[]::new));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(answer.body()).contains("There is a problem", "Nothing was saved.");
        for (int i = 0; i < fieldsAndWords.length; i += 2) {
            String field = fieldsAndWords[i];
            String words = fieldsAndWords[i + 1];
            // Next to its field, and the field says so to a screen reader.
            int error = answer.body().indexOf("id=\"" + field + "-error\"");
            assertThat(error).as("%s has its problem next to it: %s", field, answer.body()).isPositive();
            assertThat(answer.body().substring(error, answer.body().indexOf("</p>", error))).contains(words);
            assertThat(answer.body()).containsPattern("id=\"" + (field.equals("kind") ? "kind-PUBLIC" : field)
                    + "\"[^>]*aria-invalid=\"true\"");
        }
        return answer.body();
    }

    private static List<String> form(String name, String kind, String redirectUris, String jwksUrl, String jwks) {
        return List.of("name", name, "kind", kind, "redirectUris", redirectUris, "jwksUrl", jwksUrl, "jwks", jwks);
    }

    private static String clientId(HttpResponse<String> answer) {
        Matcher matcher = CLIENT_ID.matcher(answer.body());
        assertThat(matcher.find()).as(answer.body()).isTrue();
        return matcher.group(1);
    }

    private FormSession staff(StaffRole role) throws Exception {
        Account staff = accounts.openStaffAccount("st" + TestPatients.tag(), "staff-" + TestPatients.tag() + "@caregate.example",
                Set.of(role), TestPatients.PASSWORD);
        var browser = new FormSession(port);
        var answer = browser.submit("/staff/sign-in", "username", staff.username(), "password", TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/staff?signed-in");
        browser.get("/staff");
        return browser;
    }

    private FormSession patient(Account account) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/clinic/home?signed-in");
        return browser;
    }
}
