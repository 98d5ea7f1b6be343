package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.AppTokens;
import org.caregate.apps.BackendApps;
import org.caregate.apps.BackendApps.Backend;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.caregate.record.RecordImportIntegrationTests;
import org.caregate.record.internal.RecordStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Importing FHIR bundles over HTTP, on the real server and PostgreSQL: the EHR's import client with a
 * backend app's bearer token (SMART Backend Services), and staff administrators' upload page with
 * their session; every way of being refused, each leaving nothing stored. The tests' limit is 1 MB
 * (application-test.yml).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
@ExtendWith(OutputCaptureExtension.class)
class StaffImportIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_JSON = "application/fhir+json";

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    RecordStore store;

    @Autowired
    Clients clients;

    BackendApps apps;

    /** The EHR's import client, registered afresh for each test. */
    Backend ehr;

    @BeforeEach
    void registerTheEhr() {
        apps = new BackendApps(port, clients);
        ehr = apps.registerWithPastedKeys("Riverbend EHR");
    }

    @Test
    void theEhrsImportClientImportsABundleAndTheSameBundleAgainChangesNothing(CapturedOutput output) throws Exception {
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));
        String token = apps.token(ehr);

        var first = apps.importBundle("?organization=clinic", token, FHIR_JSON, bundle);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
        Bundle answer = FHIR.newJsonParser().parseResource(Bundle.class, first.body());
        assertThat(answer.getType()).isEqualTo(Bundle.BundleType.TRANSACTIONRESPONSE);
        assertThat(answer.getEntry()).extracting(e -> e.getResponse().getStatus())
                .containsExactly("200 OK", "201 Created", "201 Created");
        assertThat(answer.getEntry().get(0).getResponse().getLocation()).isEqualTo("Patient/" + patient.id().value());
        String observation = answer.getEntry().get(1).getResponse().getLocation();
        assertThat(observation).matches("Observation/[0-9a-f-]{36}/_history/1");
        assertThat(answer.getEntry().get(2).getResponse().getLocation()).matches("DiagnosticReport/[0-9a-f-]{36}/_history/1");
        assertThat(store.count(patient.id())).isEqualTo(2);
        var stored = FHIR.newJsonParser().parseResource(Observation.class,
                store.find(UUID.fromString(observation.split("/")[1])).orElseThrow().json());
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patient.id().value());

        var again = apps.importBundle("?organization=clinic", token, FHIR_JSON, bundle);

        assertThat(again.statusCode()).isEqualTo(200);
        Bundle unchanged = FHIR.newJsonParser().parseResource(Bundle.class, again.body());
        assertThat(unchanged.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("200 OK");
        assertThat(unchanged.getEntry().get(1).getResponse().getLocation()).isEqualTo(observation);
        assertThat(unchanged.getEntry().get(1).getResponse().getEtag()).isEqualTo("W/\"1\"");
        assertThat(((OperationOutcome) unchanged.getEntry().get(1).getResponse().getOutcome()).getIssueFirstRep()
                .getDiagnostics()).startsWith("Unchanged");
        assertThat(store.count(patient.id())).isEqualTo(2);

        // One line per import: which app, where, how many; nothing of the bundle, nor the token.
        assertThat(output.getOut()).contains("Record import by app " + ehr.clientId() + " for clinic (HTTP): "
                + "imported; created 2, updated 0, unchanged 0, patients matched 1");
        assertThat(output.getOut()).contains("imported; created 0, updated 0, unchanged 2");
        assertThat(output.getOut()).doesNotContain(patient.recordNumberAt("clinic").orElseThrow().value(),
                patient.legalName(), "4548-4", token);
    }

    @Test
    void aBatchSentAsPlainJsonIsAnsweredWithABatchResponse() throws Exception {
        Patient patient = patients.patient("clinic");
        Bundle batch = RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "6.4")
                .setType(Bundle.BundleType.BATCH);

        var answer = apps.importBundle("?organization=clinic", apps.token(ehr), "application/json; charset=utf-8",
                json(batch));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(FHIR.newJsonParser().parseResource(Bundle.class, answer.body()).getType())
                .isEqualTo(Bundle.BundleType.BATCHRESPONSE);
        assertThat(store.count(patient.id())).isEqualTo(2);
    }

    @Test
    void aRefusedBundleIsAnsweredWithEachProblemAndItsPlaceAndNothingIsStored() throws Exception {
        Patient patient = patients.patient("clinic");
        Bundle bundle = RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1");
        ((Observation) bundle.getEntry().get(1).getResource()).setStatus(null);
        ((DiagnosticReport) bundle.getEntry().get(2).getResource()).getIdentifier().clear();
        String token = apps.token(ehr);

        var refused = apps.importBundle("?organization=clinic", token, FHIR_JSON, json(bundle));

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/fhir+json;charset=UTF-8");
        assertThat(places(refused.body())).contains("Bundle.entry[2].resource.identifier")
                .anyMatch(place -> place.startsWith("Bundle.entry[1]"));
        assertThat(store.count(patient.id())).isZero();

        var unreadable = apps.importBundle("?organization=clinic", token, FHIR_JSON, "{not json");

        assertThat(unreadable.statusCode()).isEqualTo(400);
        assertThat(outcome(unreadable.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.STRUCTURE);
    }

    @Test
    void aStaffSessionIsRefusedEvenAnAdministratorsWithItsCsrfToken() throws Exception {
        FormSession admin = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        FormSession support = signedInStaff(staff(StaffRole.SUPPORT));
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));

        for (FormSession session : List.of(admin, support)) {
            var refused = session.send(session.request("/staff/record/import?organization=clinic")
                    .setHeader("Accept", FHIR_JSON).header("Content-Type", FHIR_JSON)
                    .header("X-CSRF-TOKEN", session.csrf()).POST(HttpRequest.BodyPublishers.ofString(bundle)).build());

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            assertThat(refused.headers().firstValue("Location")).isEmpty();
            assertThat(outcome(refused.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.LOGIN);
        }
        assertThat(store.count(patient.id())).isZero();
        // The page stays the administrators': support staff neither open it nor see its link.
        assertThat(admin.get("/staff/record/import").statusCode()).isEqualTo(200);
        assertThat(support.get("/staff/record/import").statusCode()).isEqualTo(403);
        assertThat(support.get("/staff").body()).doesNotContain("Import records");
    }

    @Test
    void aPatientsSessionIsRefused() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        FormSession patient = new FormSession(port);
        patient.signIn("clinic", account.username(), TestPatients.PASSWORD);
        patient.get("/clinic/home");
        Patient someone = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(someone, "clinic", TestPatients.tag(), "7.1"));

        var refused = post(patient, "/staff/record/import?organization=clinic", FHIR_JSON, bundle, true);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(outcome(refused.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.LOGIN);
        assertThat(store.count(someone.id())).isZero();
    }

    @Test
    void aPatientsAppTokenIsRefusedWith403() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        FormSession browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        var patientApps = new AppTokens(port, clients);
        String token = patientApps.launch(browser, patientApps.registerPublic("Health Tracker"),
                "launch/patient patient/*.rs", null).path("access_token").asString();
        Patient someone = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(someone, "clinic", TestPatients.tag(), "7.1"));

        var refused = apps.importBundle("?organization=clinic", token, FHIR_JSON, bundle);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).contains("insufficient_scope"));
        assertThat(outcome(refused.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.FORBIDDEN);
        assertThat(store.count(someone.id())).isZero();
    }

    @Test
    void withoutATokenAProgramIsToldToSendOneRatherThanRedirected() throws Exception {
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));

        var none = apps.importBundle("?organization=clinic", null, FHIR_JSON, bundle);
        var unknown = apps.importBundle("?organization=clinic", "not-a-token", FHIR_JSON, bundle);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.headers().firstValue("Location")).isEmpty();
        assertThat(outcome(none.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.LOGIN);
        assertThat(outcome(none.body()).getIssueFirstRep().getDiagnostics()).contains("Bearer");
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer").contains("invalid_token"));
        assertThat(store.count(patient.id())).isZero();
        // A browser opening the page is still sent to the staff sign-in page.
        var stranger = new FormSession(port);
        var page = stranger.get("/staff/record/import");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(page)).isEqualTo("/staff/sign-in");
    }

    @Test
    void aTokenOfADisabledAppIsRefusedAtOnce() throws Exception {
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));
        String token = apps.token(ehr);

        clients.disable(ehr.id(), Instant.now());
        var refused = apps.importBundle("?organization=clinic", token, FHIR_JSON, bundle);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(outcome(refused.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.LOGIN);
        assertThat(store.count(patient.id())).isZero();
    }

    @Test
    void anotherContentTypeIsRefusedWith415() throws Exception {
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));
        String token = apps.token(ehr);

        var text = apps.importBundle("?organization=clinic", token, "text/plain", bundle);
        var xml = apps.importBundle("?organization=clinic", token, "application/fhir+xml", "<Bundle/>");

        assertThat(text.statusCode()).isEqualTo(415);
        assertThat(outcome(text.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.NOTSUPPORTED);
        assertThat(xml.statusCode()).isEqualTo(415);
        assertThat(store.count(patient.id())).isZero();
    }

    @Test
    void anUnknownOrganisationIs404AndNoneNamedIs400() throws Exception {
        Patient patient = patients.patient("clinic");
        String bundle = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"));
        String token = apps.token(ehr);

        var unknown = apps.importBundle("?organization=nowhere", token, FHIR_JSON, bundle);
        var none = apps.importBundle("", token, FHIR_JSON, bundle);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(outcome(unknown.body()).getIssueFirstRep().getCode()).isEqualTo(IssueType.NOTFOUND);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(store.count(patient.id())).isZero();
    }

    @Test
    void aBundleOverTheLimitIsRefusedWith413WhetherOrNotItsLengthIsDeclared() throws Exception {
        String token = apps.token(ehr);
        byte[] large = new byte[1024 * 1024 + 1];
        Arrays.fill(large, (byte) ' ');
        var http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(URI.create(apps.base() + "/staff/record/import?organization=clinic"))
                .header("Accept", FHIR_JSON).header("Content-Type", FHIR_JSON).header("Authorization", "Bearer " + token);

        var declared = http.send(request.copy().POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(),
                HttpResponse.BodyHandlers.ofString());
        var chunked = http.send(request.copy().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(large))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(outcome(declared.body()).getIssueFirstRep().getDiagnostics()).contains("1 MB");
        assertThat(chunked.statusCode()).isEqualTo(413);
    }

    @Test
    void theEhrsScriptsMakeAKeyAndSendBundlesWithTokens(@TempDir Path folder) throws Exception {
        assumeTrue(onPath("openssl") && onPath("curl"), "bin/backend-key and bin/send-bundles need openssl and curl");
        Path key = folder.resolve("ehr-import.pem");

        Run made = run("bin/backend-key", key.toString());

        assertThat(made.exit()).as(made.err()).isZero();
        assertThat(Files.getPosixFilePermissions(key)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(made.out()).contains("\"kty\":\"RSA\"", "\"alg\":\"RS384\"").doesNotContain("\"d\"");
        String clientId = "test-ehr-script-" + UUID.randomUUID();
        clients.add(new Clients.App(UUID.randomUUID(), clientId, "Riverbend EHR (scripts)", Clients.Kind.BACKEND, null,
                List.of(), BackendApps.SYSTEM_SCOPES, null, made.out().trim(), Instant.now(), null), null);
        Patient patient = patients.patient("clinic");
        Patient other = patients.patient("clinic");
        Path good = Files.writeString(folder.resolve("good.json"),
                json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1")));
        Bundle refusedBundle = RecordImportIntegrationTests.bundle(other, "clinic", TestPatients.tag(), "7.1");
        ((Observation) refusedBundle.getEntry().get(1).getResource()).setSubject(null);
        Path bad = Files.writeString(folder.resolve("bad.json"), json(refusedBundle));

        Run sent = run("bin/send-bundles", apps.base(), clientId, key.toString(), "clinic", good.toString(),
                bad.toString());

        assertThat(sent.exit()).as(sent.err()).isEqualTo(1);
        assertThat(sent.out()).contains(good + ": HTTP 200", bad + ": HTTP 422");
        assertThat(sent.err()).contains("OperationOutcome", "Bundle.entry[1].resource.subject");
        assertThat(store.count(patient.id())).isEqualTo(2);
        assertThat(store.count(other.id())).isZero();
    }

    @Test
    void anAdministratorUploadsAFileOnTheImportPageAndReadsTheCounts() throws Exception {
        FormSession browser = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        assertThat(browser.get("/staff").body()).contains("href=\"/staff/record/import\"", "Import records");
        Patient patient = patients.patient("clinic");
        byte[] file = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"))
                .getBytes(StandardCharsets.UTF_8);

        var page = browser.get("/staff/record/import");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Import health records", "enctype=\"multipart/form-data\"", "up to 1 MB");
        var done = browser.upload("/staff/record/import/upload", "file", "bundle.json", file, "organization", "clinic");

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(done.body()).contains("The file is imported into Riverbend Clinic&#39;s records.", "New records: 2",
                "Changed records: 0", "Patients found by their record number: 1");
        assertThat(store.count(patient.id())).isEqualTo(2);

        var again = browser.upload("/staff/record/import/upload", "file", "bundle.json", file, "organization", "clinic");
        assertThat(again.body()).contains("New records: 0", "Already up to date, so not changed: 2");

        var spanish = browser.get("/staff/record/import?lang=es");
        assertThat(spanish.body()).contains("Importar expedientes de salud", "Archivo de paquete");
    }

    @Test
    void aRefusedFileIsListedWithItsProblemsOnThePageAndNothingIsStored() throws Exception {
        FormSession browser = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        Patient patient = patients.patient("clinic");
        Bundle bundle = RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1");
        ((Observation) bundle.getEntry().get(1).getResource()).setSubject(null);
        browser.get("/staff/record/import");

        var refused = browser.upload("/staff/record/import/upload", "file", "bundle.json",
                json(bundle).getBytes(StandardCharsets.UTF_8), "organization", "clinic");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("The file was not imported", "Nothing was changed",
                "Bundle.entry[1].resource.subject", "The resource must refer to its patient.");
        assertThat(store.count(patient.id())).isZero();

        var noFile = browser.upload("/staff/record/import/upload", "file", "", new byte[0], "organization", "clinic");
        assertThat(noFile.statusCode()).isEqualTo(422);
        assertThat(noFile.body()).contains("Choose a bundle file to import.", "href=\"#file\"");
        var noOrganization = browser.upload("/staff/record/import/upload", "file", "bundle.json",
                json(bundle).getBytes(StandardCharsets.UTF_8), "organization", "");
        assertThat(noOrganization.statusCode()).isEqualTo(422);
        assertThat(noOrganization.body()).contains("Choose the organisation whose patients are in the file.");
    }

    @Test
    void aFileOverTheLimitIsNotImportedAndThePageSaysSo() throws Exception {
        FormSession browser = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        browser.get("/staff/record/import");
        byte[] large = new byte[1024 * 1024 + 1];
        Arrays.fill(large, (byte) ' ');

        var refused = browser.upload("/staff/record/import/upload", "file", "big.json", large, "organization", "clinic");

        // The server does not read it, so the form's fields (its CSRF token too) never arrive: the browser is sent back.
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(refused)).isEqualTo("/staff/record/import/upload?too-large");
        var landing = browser.get(FormSession.location(refused));
        assertThat(FormSession.location(landing)).isEqualTo("/staff/record/import?too-large");
        assertThat(browser.get("/staff/record/import?too-large").body()).contains("The file is larger than 1 MB");

        // A program gets 413 without a redirect.
        var program = browser.send(browser.request("/staff/record/import/upload").setHeader("Accept", "application/json")
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build());
        assertThat(program.statusCode()).isEqualTo(413);
        assertThat(program.body()).contains("\"status\":413");
    }

    @Test
    void anUploadWhosePageWasOpenTooLongIsNotImportedAndThePageSaysSo() throws Exception {
        FormSession browser = signedInStaff(staff(StaffRole.ADMINISTRATOR));
        Patient patient = patients.patient("clinic");
        byte[] file = json(RecordImportIntegrationTests.bundle(patient, "clinic", TestPatients.tag(), "7.1"))
                .getBytes(StandardCharsets.UTF_8);

        var refused = browser.upload("/staff/record/import/upload", "file", "bundle.json", file, "organization", "clinic",
                "_csrf", "from-an-old-session");

        assertThat(FormSession.location(refused)).isEqualTo("/staff/record/import/upload?expired");
        var landing = browser.get(FormSession.location(refused));
        assertThat(FormSession.location(landing)).isEqualTo("/staff/record/import?not-sent");
        assertThat(browser.get("/staff/record/import?not-sent").body()).contains("the page was open for too long");
        assertThat(store.count(patient.id())).isZero();
    }

    private record Run(int exit, String out, String err) {}

    /** Runs one of the portal's scripts from the project folder, as its documentation shows. */
    private static Run run(String... command) throws Exception {
        Path err = Files.createTempFile("script", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
            return new Run(process.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    private Account staff(StaffRole role) {
        return accounts.openStaffAccount("st" + TestPatients.tag(), "staff-" + TestPatients.tag() + "@caregate.example",
                Set.of(role), TestPatients.PASSWORD);
    }

    /** Signs in at the staff page, then loads the import page for its CSRF token, as a script does. */
    private FormSession signedInStaff(Account staff) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.submit("/staff/sign-in", "username", staff.username(), "password", TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/staff?signed-in");
        browser.get("/staff/record/import");
        return browser;
    }

    private static HttpResponse<String> post(FormSession session, String path, String contentType, String body,
            boolean withToken) throws Exception {
        var request = session.request(path).setHeader("Accept", FHIR_JSON).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            request.header("X-CSRF-TOKEN", session.csrf());
        }
        return session.send(request.build());
    }

    private static String json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    private static OperationOutcome outcome(String json) {
        return FHIR.newJsonParser().parseResource(OperationOutcome.class, json);
    }

    private static List<String> places(String json) {
        return outcome(json).getIssue().stream().flatMap(issue -> issue.getExpression().stream())
                .map(StringType::getValue).toList();
    }
}
