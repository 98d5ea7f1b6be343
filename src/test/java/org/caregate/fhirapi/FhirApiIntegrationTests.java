package org.caregate.fhirapi;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.AppTokens;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.AccountManagement;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceSearchParamComponent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The FHIR API over real HTTP, as an app calls it: a token from the standalone launch (sign-in,
 * consent, code exchange with PKCE, all through the authorisation server), then searches that page
 * by next links, the errors an app can cause, each an OperationOutcome that shows nothing of a
 * record, and the open capability statement.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirApiIntegrationTests {

    private static final String FHIR_JSON = "application/fhir+json";

    @LocalServerPort
    int port;

    @Autowired
    Clients clients;

    @Autowired
    MutableClock clock;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FhirContext fhir;

    @Autowired
    FhirValidator validator;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    AppTokens apps;
    TestRecords.PatientWithRecord ana;
    TestRecords.PatientWithRecord eve;
    FormSession anasBrowser;
    String token;
    String observationsOnly;

    @BeforeAll
    void anaApprovesTwoApps() throws Exception {
        // Sign-ins come from 127.0.0.1: a new hour refills the address's allowance.
        clock.advance(Duration.ofHours(1));
        apps = new AppTokens(port, clients);
        var records = new TestRecords(registry, organizations, imports, accounts);
        ana = records.patientWithRecord(TestRecords::hasEveryPart);
        eve = records.patientWithRecord();
        anasBrowser = new FormSession(port);
        var signedIn = anasBrowser.signIn(ana.organizationId(), ana.account().username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(signedIn)).startsWith("/" + ana.organizationId() + "/home");
        token = apps.launch(anasBrowser, apps.registerPublic("Health Diary"), "launch/patient patient/*.rs", null)
                .path("access_token").asString();
        observationsOnly = apps.launch(anasBrowser, apps.registerPublic("Lab Tracker"),
                "launch/patient patient/Observation.rs", null).path("access_token").asString();
    }

    @Test
    void anAppSearchesLabResultsByPatientAndCategoryAndFollowsTheNextLinks() throws Exception {
        long labs = jdbc.sql("""
                SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = 'laboratory'
                """).param(ana.patient().id().value()).query(Long.class).single();
        // A page size that leaves the last page part full, whatever the generated record holds.
        int size = 5;
        while (labs % size == 0) {
            size++;
        }
        String first = "/fhir/Observation?patient=" + anaId() + "&category=laboratory&_count=" + size;
        List<String> found = new ArrayList<>();
        String address = apps.base() + first;
        int pages = 0;
        while (address != null) {
            var answer = get(address, token);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(FHIR_JSON);
            Bundle page = fhir.newJsonParser().parseResource(Bundle.class, answer.body());
            assertThat(page.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
            assertThat(page.getLink(Bundle.LINK_SELF).getUrl()).startsWith(apps.base() + "/fhir/Observation?");
            assertThat(page.getEntry()).hasSizeLessThanOrEqualTo(size);
            for (var entry : page.getEntry()) {
                Resource resource = entry.getResource();
                assertThat(entry.getFullUrl()).isEqualTo(apps.base() + "/fhir/Observation/" + resource.getIdElement().getIdPart());
                assertThat(((org.hl7.fhir.r4.model.Observation) resource).getSubject().getReference())
                        .isEqualTo("Patient/" + anaId());
                assertThat(((org.hl7.fhir.r4.model.Observation) resource).hasText()).as("no narrative generated").isFalse();
                found.add(resource.getIdElement().getIdPart());
            }
            address = page.getLink(Bundle.LINK_NEXT) == null ? null : page.getLink(Bundle.LINK_NEXT).getUrl();
            pages++;
        }
        assertThat(pages).isGreaterThan(1);
        assertThat(found).hasSize((int) labs);
        assertThat(found).doesNotHaveDuplicates().containsExactlyElementsOf(jdbc.sql("""
                SELECT id::text FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = 'laboratory'
                ORDER BY effective_at DESC NULLS LAST, id
                """).param(ana.patient().id().value()).query(String.class).list());
    }

    @Test
    void everyErrorIsAnOperationOutcomeThatShowsNothingOfARecord() throws Exception {
        String eveObservation = jdbc.sql("SELECT id::text FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' LIMIT 1")
                .param(eve.patient().id().value()).query(String.class).single();
        String anaObservation = jdbc.sql("SELECT id::text FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' LIMIT 1")
                .param(ana.patient().id().value()).query(String.class).single();
        Map<String, Integer> refusals = new java.util.LinkedHashMap<>();
        refusals.put("GET /fhir/Medication?patient=" + anaId(), 404);
        refusals.put("GET /fhir/Observation/" + UUID.randomUUID(), 404);
        refusals.put("GET /fhir/Observation/not-an-id", 404);
        refusals.put("GET /fhir/Observation/" + eveObservation, 404);
        refusals.put("GET /fhir/Condition/" + anaObservation, 404);
        refusals.put("GET /fhir/Patient/" + eve.patient().id().value(), 404);
        refusals.put("GET /fhir/Observation?patient=" + eve.patient().id().value(), 403);
        refusals.put("GET /fhir/Observation?subject=Patient/" + eve.patient().id().value(), 403);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&colour=blue", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_tag=x", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_sort=date", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_include=Observation:patient", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&date=2024-13-45", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&date=ap2024", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&code:text=glucose", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_count=0", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_count=many", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_summary=count", 400);
        refusals.put("GET /fhir/Observation?patient=" + anaId() + "&_format=ttl", 400);
        refusals.put("GET /fhir/Observation?patient.name=" + ana.patient().familyName(), 400);
        refusals.put("POST /fhir/Observation", 405);
        refusals.put("PUT /fhir/Observation/" + anaObservation, 405);
        refusals.put("DELETE /fhir/Observation/" + anaObservation, 405);
        refusals.put("GET /fhir/Observation/" + anaObservation + "/_history/1", 400);
        for (var refusal : refusals.entrySet()) {
            String[] request = refusal.getKey().split(" ", 2);
            var answer = send(request[0], apps.base() + request[1], token);
            assertRefusal(answer, refusal.getValue(), refusal.getKey());
        }
        assertThat(send("DELETE", apps.base() + "/fhir/Observation/" + anaObservation, token).headers().allValues("Allow"))
                .containsExactly("GET");
        assertRefusal(get(apps.base() + "/fhir/Condition?patient=" + anaId(), observationsOnly), 403, "a type outside the scopes");
        assertThat(get(apps.base() + "/fhir/Condition?patient=" + anaId(), observationsOnly).body())
                .contains("patient/Condition.s");
        assertRefusal(get(apps.base() + "/fhir/Observation?patient=" + anaId(), null), 401, "no token");
    }

    @Test
    void aPageThatEndsTheResultsHasNoNextLinkEvenWhenFull() throws Exception {
        int labs = count("Observation", "laboratory");
        String search = apps.base() + "/fhir/Observation?patient=" + anaId() + "&category=laboratory";
        Bundle last = bundle(get(search + "&_count=5&_offset=" + (labs - 5), token));
        assertThat(last.getEntry()).hasSize(5);
        assertThat(last.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(last.getLink(Bundle.LINK_PREV).getUrl()).contains("_offset=" + (labs - 10)).contains("_count=5");
        assertThat(last.hasTotal()).as("not counted").isFalse();

        Bundle first = bundle(get(search + "&_count=5", token));
        assertThat(first.getLink(Bundle.LINK_NEXT).getUrl()).contains("_offset=5").contains("_count=5");
        assertThat(first.getLink(Bundle.LINK_PREV)).isNull();
        assertThat(first.hasTotal()).isFalse();
        assertThat(bundle(get(search + "&_count=5&_offset=" + labs, token)).getEntry()).isEmpty();

        int conditions = count("Condition", null);
        Bundle whole = bundle(get(apps.base() + "/fhir/Condition?patient=" + anaId() + "&_count=" + conditions, token));
        assertThat(whole.getEntry()).hasSize(conditions);
        assertThat(whole.getLink(Bundle.LINK_NEXT)).isNull();
        assertThat(whole.getTotal()).as("a search that fits on its first page says how many it found").isEqualTo(conditions);
        assertThat(bundle(get(apps.base() + "/fhir/Appointment?patient=" + anaId(), token)).getTotal()).isZero();
    }

    @Test
    void aSearchWithoutAPatientIsOfTheTokensPatientAndABigCountIsCapped() throws Exception {
        Bundle page = bundle(get(apps.base() + "/fhir/Observation?_count=500", token));
        assertThat(page.getEntry()).hasSize(100);
        assertThat(page.getEntry()).allSatisfy(e -> assertThat(((org.hl7.fhir.r4.model.Observation) e.getResource())
                .getSubject().getReference()).isEqualTo("Patient/" + anaId()));
        assertThat(page.getLink(Bundle.LINK_NEXT).getUrl()).contains("_count=100").contains("_offset=100");
        Bundle patients = bundle(get(apps.base() + "/fhir/Patient", token));
        assertThat(patients.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart()).containsExactly(anaId());
    }

    @Test
    void everyTypesSearchParametersWork() throws Exception {
        // One search per type with each of its parameters, as the capability statement lists them.
        String p = "patient=" + anaId();
        List<String> searches = List.of(
                "/Patient?_id=" + anaId() + "&identifier=" + ana.patient().recordNumbers().getFirst().value(),
                "/AllergyIntolerance?" + p + "&clinical-status=active&_id=" + UUID.randomUUID(),
                "/Condition?" + p + "&subject=" + anaId() + "&category=problem-list-item,encounter-diagnosis&clinical-status=active,resolved&code=http://snomed.info/sct|&onset-date=ge2000&_lastUpdated=ge2000",
                "/Observation?" + p + "&subject=" + anaId() + "&category=laboratory&code=http://loinc.org|&status=final&date=ge2000&_lastUpdated=ge2000",
                "/MedicationRequest?" + p + "&subject=" + anaId() + "&intent=order&status=active,stopped,completed&authoredon=ge2000",
                "/Immunization?" + p + "&status=completed&date=ge2000",
                "/Encounter?" + p + "&subject=" + anaId() + "&class=AMB&type=http://snomed.info/sct|&status=finished&date=ge2000&identifier=urn:caregate:demo:encounter|",
                "/Procedure?" + p + "&subject=" + anaId() + "&code=80146002&status=completed&date=ge2000",
                "/DiagnosticReport?" + p + "&subject=" + anaId() + "&category=LAB&code=http://loinc.org|&status=final&date=ge2000&_lastUpdated=ge2000",
                "/DocumentReference?" + p + "&subject=" + anaId() + "&category=clinical-note&type=http://loinc.org|&status=current&date=ge2000",
                "/Appointment?" + p + "&status=booked&date=ge2000");
        for (String search : searches) {
            var answer = get(apps.base() + "/fhir" + search.replace("|", "%7C"), token);
            assertThat(answer.statusCode()).as(search + ": " + answer.body()).isEqualTo(200);
            Bundle found = bundle(answer);
            String type = search.substring(1, search.indexOf('?'));
            boolean expected = !List.of("AllergyIntolerance", "Procedure", "Appointment").contains(type);
            assertThat(found.getEntry().isEmpty()).as(search).isEqualTo(!expected);
            assertThat(found.getEntry()).allSatisfy(e -> assertThat(e.getResource().fhirType()).isEqualTo(type));
        }
    }

    @Test
    void theCapabilityStatementIsOpenAndDescribesTheApiAndHowToGetAToken() throws Exception {
        var answer = get(apps.base() + "/fhir/metadata", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(FHIR_JSON);
        CapabilityStatement statement = fhir.newJsonParser().parseResource(CapabilityStatement.class, answer.body());
        assertThat(statement.getFhirVersion().toCode()).isEqualTo("4.0.1");
        assertThat(statement.getKind()).isEqualTo(CapabilityStatement.CapabilityStatementKind.INSTANCE);
        assertThat(statement.getFormat()).extracting(f -> f.getValue()).contains("json", "xml");
        assertThat(statement.getInstantiates()).extracting(i -> i.getValue())
                .containsExactly("http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0");
        assertThat(statement.getImplementation().getUrl()).isEqualTo(apps.base() + "/fhir");

        var rest = statement.getRestFirstRep();
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getSystem())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/restful-security-service");
        assertThat(rest.getSecurity().getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
        Extension oauth = rest.getSecurity().getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris");
        assertThat(oauth.getExtension()).extracting(e -> e.getUrl() + " " + e.getValue().primitiveValue()).containsExactly(
                "authorize " + apps.base() + "/oauth2/authorize", "token " + apps.base() + "/oauth2/token",
                "revoke " + apps.base() + "/oauth2/revoke", "introspect " + apps.base() + "/oauth2/introspect");

        Map<String, Set<String>> parameters = Map.ofEntries(
                Map.entry("Patient", Set.of("_id", "identifier")),
                Map.entry("AllergyIntolerance", Set.of("_id", "patient", "clinical-status")),
                Map.entry("Condition", Set.of("_id", "patient", "subject", "category", "clinical-status", "code", "onset-date",
                        "_lastUpdated")),
                Map.entry("Observation", Set.of("_id", "patient", "subject", "category", "code", "status", "date", "_lastUpdated")),
                Map.entry("MedicationRequest", Set.of("_id", "patient", "subject", "intent", "status", "authoredon")),
                Map.entry("Immunization", Set.of("_id", "patient", "status", "date")),
                Map.entry("Encounter", Set.of("_id", "patient", "subject", "class", "type", "status", "date", "identifier")),
                Map.entry("Procedure", Set.of("_id", "patient", "subject", "code", "status", "date")),
                Map.entry("DiagnosticReport", Set.of("_id", "patient", "subject", "category", "code", "status", "date",
                        "_lastUpdated")),
                Map.entry("DocumentReference", Set.of("_id", "patient", "subject", "category", "type", "status", "date")),
                Map.entry("Appointment", Set.of("_id", "patient", "status", "date")));
        assertThat(rest.getResource()).extracting(CapabilityStatementRestResourceComponent::getType)
                .containsExactlyInAnyOrderElementsOf(parameters.keySet());
        for (CapabilityStatementRestResourceComponent resource : rest.getResource()) {
            assertThat(resource.getInteraction()).extracting(i -> i.getCode().toCode()).as(resource.getType())
                    .containsExactlyInAnyOrder("read", "search-type");
            assertThat(resource.getSearchParam()).extracting(CapabilityStatementRestResourceSearchParamComponent::getName)
                    .as(resource.getType()).containsExactlyInAnyOrderElementsOf(parameters.get(resource.getType()));
            if (!resource.getType().equals("Appointment")) {
                assertThat(resource.getSupportedProfile()).as(resource.getType()).isNotEmpty().allSatisfy(profile ->
                        assertThat(profile.getValue()).startsWith("http://hl7.org/fhir/us/core/StructureDefinition/us-core-"));
            }
            assertThat(resource.getSearchInclude()).isEmpty();
            assertThat(resource.getSearchRevInclude()).isEmpty();
        }

        // R4's own copy of the oauth-uris extension predates SMART's revoke and introspect endpoints
        // (SMART App Launch 1.0 lists them); every other part must validate.
        List<String> errors = validator.validateWithResult(statement).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .filter(m -> !m.matches("(?s).*\\[url='(revoke|introspect)'\\]: Sub-extension url '(revoke|introspect)' is not defined.*"))
                .toList();
        assertThat(errors).isEmpty();
        assertThat(get(apps.base() + "/fhir/metadata?_format=xml", null).headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/fhir+xml");
    }

    @Test
    void theBrowserSessionOpensNothingAndTheApiMakesNoSession() throws Exception {
        var withCookie = anasBrowser.send(anasBrowser.request("/fhir/Patient/" + anaId()).GET().build());
        assertThat(withCookie.statusCode()).isEqualTo(401);
        assertThat(withCookie.body()).doesNotContain(ana.patient().familyName());

        var answer = get(apps.base() + "/fhir/Patient/" + anaId(), token);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(answer.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(answer.headers().firstValue("X-Powered-By")).isEmpty();
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith(FHIR_JSON);
    }

    @Test
    void aSearchCanBePostedAsAForm() throws Exception {
        var request = HttpRequest.newBuilder(URI.create(apps.base() + "/fhir/Observation/_search"))
                .header("Authorization", "Bearer " + token).header("Accept", FHIR_JSON)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("patient=" + anaId() + "&category=vital-signs&_count=3")).build();
        var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Bundle page = bundle(answer);
        assertThat(page.getEntry()).hasSize(3).allSatisfy(e -> assertThat(((org.hl7.fhir.r4.model.Observation) e.getResource())
                .getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("vital-signs"));
    }

    private void assertRefusal(HttpResponse<String> answer, int status, String what) {
        assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type").orElse("")).as(what).startsWith(FHIR_JSON);
        OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, answer.body());
        assertThat(outcome.getIssue()).as(what).isNotEmpty()
                .allSatisfy(issue -> assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR));
        Set<String> secrets = new TreeSet<>(List.of(ana.patient().familyName(), ana.patient().dateOfBirth().toString(),
                ana.patient().recordNumbers().getFirst().value(), eve.patient().familyName(), eve.patient().id().value().toString()));
        for (String secret : secrets) {
            assertThat(answer.body()).as(what).doesNotContain(secret);
        }
        assertThat(answer.body()).as(what).doesNotContain("\tat ", "Exception", "org.caregate", "SELECT");
    }

    private int count(String type, String category) {
        return jdbc.sql("""
                SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = ? AND (CAST(? AS text) IS NULL OR category = ?)
                """).params(ana.patient().id().value(), type, category, category).query(Integer.class).single();
    }

    private Bundle bundle(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return fhir.newJsonParser().parseResource(Bundle.class, answer.body());
    }

    private String anaId() {
        return ana.patient().id().value().toString();
    }

    private HttpResponse<String> get(String address, String bearer) throws Exception {
        return send("GET", address, bearer);
    }

    private HttpResponse<String> send(String method, String address, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(address)).header("Accept", FHIR_JSON)
                .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Observation\"}"));
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request.header("Content-Type", FHIR_JSON);
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
