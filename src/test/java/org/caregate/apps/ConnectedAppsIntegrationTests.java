package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.CareGrants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The Connected apps page over real HTTP: a patient sees each app they approved, what it can see in
 * plain words, who allowed it, when it last read the record and whether it can keep reading; and
 * disconnects it, which ends its tokens at once. Only the patient and caregivers with full access may
 * see or change it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
class ConnectedAppsIntegrationTests {

    static final String SCOPES = "launch/patient openid fhirUser patient/Observation.rs patient/AllergyIntolerance.rs";

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    Clients clients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    CareGrants grants;

    @Autowired
    PatientRegistry registry;

    @Autowired
    JdbcClient jdbc;

    AppTokens apps;

    @BeforeEach
    void app() {
        apps = new AppTokens(port, clients);
    }

    @Test
    void thePageListsAnApprovedAppWithWhatItCanSeeWhoAllowedItAndWhenItLastRead() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        FormSession browser = signedIn(ana);
        var client = apps.registerConfidential("Family Health Server");
        JsonNode tokens = apps.launch(browser, client, SCOPES + " offline_access", null);

        var page = browser.get("/clinic/apps");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Connected apps", "Family Health Server", "Test results and vital signs",
                "Allergies", "Allowed by", "<dd>You</dd>", "Never yet", "Yes, new information too")
                .doesNotContain("Medicines", "Visit notes");

        // A read through the FHIR API: the page then says when the app last read the record.
        var read = apps.fhir("/Observation?patient=" + ana.patientId().value(), tokens.path("access_token").asString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(browser.get("/clinic/apps").body()).doesNotContain("Never yet").contains("Last read the record");
    }

    @Test
    void anAppThatCannotKeepReadingSaysUntilWhen() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        FormSession browser = signedIn(ana);
        apps.launch(browser, apps.registerPublic("Pill Reminder"), SCOPES, null);

        String body = browser.get("/clinic/apps").body();

        assertThat(body).contains("Pill Reminder", "No, only until").doesNotContain("Yes, new information too");
    }

    @Test
    void withNoAppsThePageSaysHowConnectingWorksInEnglishAndSpanish() throws Exception {
        FormSession browser = signedIn(patients.patientWithAccount("clinic"));

        assertThat(browser.get("/clinic/apps").body()).contains("No apps are connected to your record.",
                "start in the app", "sign in");
        assertThat(browser.get("/clinic/apps?lang=es").body()).contains("No hay aplicaciones conectadas a su expediente.");
        assertThat(browser.get("/clinic/home?lang=en").body()).contains("href=\"/clinic/apps\"",
                "Apps connected to your record");
        assertThat(browser.get("/clinic/account").body()).contains("href=\"/clinic/apps\"");
    }

    @Test
    void disconnectingEndsTheAppsTokensAtOnce() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        FormSession browser = signedIn(ana);
        var client = apps.registerConfidential("Family Health Server");
        JsonNode tokens = apps.launch(browser, client, SCOPES + " offline_access", null);
        String access = tokens.path("access_token").asString();
        String refresh = tokens.path("refresh_token").asString();
        assertThat(apps.json(apps.introspect(client, access).body()).path("active").asBoolean()).isTrue();
        String search = "/Observation?patient=" + ana.patientId().value();
        assertThat(apps.fhir(search, access).statusCode()).isEqualTo(200);
        UUID app = appId(client);

        var confirm = browser.get("/clinic/apps/" + app + "/disconnect");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Disconnect \u201cFamily Health Server\u201d?", "Disconnect Family Health Server now",
                "No, keep it connected");
        var done = browser.post("/clinic/apps/" + app + "/disconnect");

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(done)).isEqualTo("/clinic/apps");
        assertThat(browser.get("/clinic/apps").body()).contains("Family Health Server can no longer see your record.",
                "No apps are connected to your record.");
        assertThat(approvals(app, ana)).isZero();
        var refreshed = apps.refresh(client, refresh);
        assertThat(refreshed.statusCode()).isEqualTo(400);
        assertThat(refreshed.body()).contains("invalid_grant");
        assertThat(apps.json(apps.introspect(client, access).body()).path("active").asBoolean()).isFalse();
        assertThat(apps.fhir(search, access).statusCode()).isEqualTo(401);
        // Once gone, it is not found again.
        assertThat(browser.get("/clinic/apps/" + app + "/disconnect").statusCode()).isEqualTo(404);
    }

    @Test
    void aPatientCannotSeeOrDisconnectAnotherPatientsApp() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerConfidential("Family Health Server");
        apps.launch(signedIn(ana), client, SCOPES + " offline_access", null);
        UUID app = appId(client);
        FormSession bob = signedIn(patients.patientWithAccount("clinic"));

        assertThat(bob.get("/clinic/apps").body()).doesNotContain("Family Health Server");
        assertThat(bob.get("/clinic/apps/" + app + "/disconnect").statusCode()).isEqualTo(404);
        var refused = bob.post("/clinic/apps/" + app + "/disconnect");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain("Family Health Server");
        assertThat(approvals(app, ana)).isEqualTo(1);
    }

    @Test
    void aCaregiverWithLimitedAccessCanNeitherSeeNorDisconnectTheApps() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var client = apps.registerConfidential("Family Health Server");
        apps.launch(signedIn(ana), client, SCOPES + " offline_access", null);
        UUID app = appId(client);
        // May read and act on the record, and more: still not everything, so not the apps.
        FormSession limited = caregiver(ana, new CareGrants.Terms(false,
                Map.of(Area.RECORD, Access.ACT, Area.RESULTS, Access.ACT, Area.MEDICATIONS, Access.ACT), null));
        FormSession readsOnly = caregiver(ana, new CareGrants.Terms(false, Map.of(Area.RECORD, Access.READ), null));

        for (FormSession caregiver : List.of(limited, readsOnly)) {
            var list = caregiver.get("/clinic/apps");
            assertThat(list.statusCode()).isEqualTo(403);
            assertThat(list.body()).doesNotContain("Family Health Server");
            assertThat(caregiver.get("/clinic/apps/" + app + "/disconnect").statusCode()).isEqualTo(403);
            var refused = caregiver.post("/clinic/apps/" + app + "/disconnect");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).doesNotContain("Family Health Server");
        }
        assertThat(limited.get("/clinic/apps").body()).contains("Only the patient, or someone with full access");
        assertThat(limited.get("/clinic/home").body()).doesNotContain("href=\"/clinic/apps\"");
        assertThat(approvals(app, ana)).isEqualTo(1);
    }

    @Test
    void aCaregiverWithFullAccessSeesWhoAllowedEachAppAndDisconnectsOne() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        var record = registry.find(ana.patientId()).orElseThrow();
        String anaName = record.givenNames() + " " + record.familyName();
        var byAna = apps.registerConfidential("Ana's Tracker");
        apps.launch(signedIn(ana), byAna, SCOPES + " offline_access", null);
        FormSession full = caregiver(ana, CareGrants.Terms.fullAccess(null));
        var byMaria = apps.registerPublic("Maria's Helper");
        apps.launch(full, byMaria, SCOPES, ana.patientId().value().toString());

        String asCaregiver = full.get("/clinic/apps").body();
        String asPatient = signedIn(ana).get("/clinic/apps").body();

        assertThat(asCaregiver).contains("Apps connected to " + anaName + "&#39;s record", "Ana&#39;s Tracker",
                "Maria&#39;s Helper", "<dd>You</dd>", "<dd>" + anaName + "</dd>");
        assertThat(asPatient).contains("<dd>Maria Lopez</dd>", "<dd>You</dd>");

        var done = full.post("/clinic/apps/" + appId(byAna) + "/disconnect");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(full.get("/clinic/apps").body())
                .contains("Ana&#39;s Tracker can no longer see " + anaName + "&#39;s record.")
                .doesNotContain("Ana&#39;s Tracker</h2>");
        assertThat(approvals(appId(byAna), ana)).isZero();
        assertThat(approvals(appId(byMaria), ana)).isEqualTo(1);
        // The patient reads what the caregiver did.
        assertThat(signedIn(ana).get("/clinic/sharing").body()).contains("Looked at the apps connected to your record",
                "Disconnected an app from your record");
    }

    /** A caregiver for Ana, invited and accepted, signed in and viewing her record. */
    private FormSession caregiver(Account patient, CareGrants.Terms terms) throws Exception {
        String tag = TestPatients.tag();
        Account helper = accounts.openCaregiverAccount("clinic", "cg-" + tag, "cg-" + tag + "@example.org",
                TestPatients.PASSWORD);
        var invitation = grants.invite(patient.id(), patient.patientId(), "clinic", "Maria Lopez", "cg-" + tag + "@example.org",
                "adult-child", terms);
        assertThat(grants.accept(invitation.grant().id(), helper.id(), null)).isTrue();
        FormSession browser = new FormSession(port);
        browser.signIn("clinic", helper.username(), TestPatients.PASSWORD);
        browser.get("/clinic/home");
        var chose = browser.post("/clinic/viewing", "patient", patient.patientId().value().toString());
        assertThat(chose.statusCode()).isEqualTo(302);
        return browser;
    }

    private FormSession signedIn(Account account) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/clinic/home?signed-in");
        return browser;
    }

    private UUID appId(AppTokens.Client client) {
        return clients.find(client.clientId()).orElseThrow().id();
    }

    private int approvals(UUID app, Account patient) {
        return jdbc.sql("SELECT count(*) FROM app_authorization WHERE app_id = ? AND patient_id = ?")
                .params(app, patient.patientId().value()).query(Integer.class).single();
    }
}
