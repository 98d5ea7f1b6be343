package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.caregate.FormSession;
import org.caregate.TestPatients;
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
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The standalone launch as a Java app does it: the authorisation code flow with PKCE over HTTP
 * ({@link AppTokens}), then HAPI FHIR's generic client with the bearer token reads the patient's
 * record: the capability statement, the Patient, Observation searches by category with paging by
 * next links. And what it must not get: a kind of data the patient unticked, another patient's
 * resources, anything after the app is disconnected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class HapiClientLaunchIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

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
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    AppTokens apps;

    @BeforeEach
    void app() {
        // Sign-ins come from 127.0.0.1: a new hour refills the address's allowance.
        clock.advance(java.time.Duration.ofHours(1));
        apps = new AppTokens(port, clients);
    }

    private FormSession signedIn(TestRecords.PatientWithRecord person) throws Exception {
        var browser = new FormSession(port);
        String org = person.organizationId();
        var answer = browser.signIn(org, person.account().username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/" + org + "/home?signed-in");
        return browser;
    }

    private IGenericClient client(String token) {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = FHIR.newRestfulGenericClient(apps.base() + "/fhir");
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));
        return client;
    }

    @Test
    void aJavaAppReadsThePatientsRecordWithHapisClient() throws Exception {
        var ana = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        var app = apps.registerPublic("Java Health App");
        JsonNode tokens = apps.launch(signedIn(ana), app,
                "launch/patient openid fhirUser patient/Patient.rs patient/Observation.rs patient/Condition.rs", null);
        String patientId = tokens.path("patient").asString();
        assertThat(patientId).isEqualTo(ana.patient().id().value().toString());
        IGenericClient fhir = client(tokens.path("access_token").asString());

        CapabilityStatement metadata = fhir.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(metadata.getFhirVersion().toCode()).isEqualTo("4.0.1");

        Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(ana.patient().familyName());

        List<Observation> all = new ArrayList<>();
        Bundle page = fhir.search().forResource(Observation.class)
                .where(Observation.PATIENT.hasId(patientId))
                .and(Observation.CATEGORY.exactly().code("laboratory"))
                .count(2).returnBundle(Bundle.class).execute();
        int pages = 0;
        while (page != null && pages++ < 50) {
            page.getEntry().forEach(e -> all.add((Observation) e.getResource()));
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : fhir.loadPage().next(page).execute();
        }
        assertThat(pages).as("paged by next links").isGreaterThan(1);
        assertThat(all).isNotEmpty().allSatisfy(o -> {
            assertThat(o.getSubject().getReferenceElement().getIdPart()).isEqualTo(patientId);
            assertThat(o.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
        });
        assertThat(all.stream().map(o -> o.getIdElement().getIdPart()).distinct().count()).isEqualTo(all.size());
    }

    @Test
    void whatThePatientDidNotAllowAnotherPatientsRecordAndADisconnectedAppGetNothing() throws Exception {
        var ana = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        var eve = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        var app = apps.registerPublic("Nosy App");
        var browser = signedIn(ana);
        // Ana unticks health issues on the consent page.
        JsonNode tokens = apps.launch(browser, app, "launch/patient patient/*.rs", null, "kind-conditions");
        assertThat(tokens.path("scope").asString()).doesNotContain("Condition").contains("patient/Observation.rs");
        IGenericClient fhir = client(tokens.path("access_token").asString());
        String anaId = ana.patient().id().value().toString();

        assertThatThrownBy(() -> fhir.search().forResource(Condition.class).where(Condition.PATIENT.hasId(anaId))
                .returnBundle(Bundle.class).execute()).isInstanceOf(ForbiddenOperationException.class);

        // Eve's Patient and one of Eve's observations: not found, as if they did not exist.
        assertThatThrownBy(() -> fhir.read().resource(Patient.class).withId(eve.patient().id().value().toString()).execute())
                .isInstanceOf(ResourceNotFoundException.class);
        String eveObservation = jdbc.sql("""
                SELECT id::text FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' LIMIT 1
                """).param(eve.patient().id().value()).query(String.class).single();
        assertThatThrownBy(() -> fhir.read().resource(Observation.class).withId(eveObservation).execute())
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(fhir.read().resource(Patient.class).withId(anaId).execute().getIdElement().getIdPart()).isEqualTo(anaId);
        disconnect(browser, ana.organizationId(), app);
        assertThatThrownBy(() -> fhir.read().resource(Patient.class).withId(anaId).execute())
                .isInstanceOf(AuthenticationException.class);
    }

    /** The patient presses "Disconnect" on the Connected apps page. */
    private void disconnect(FormSession browser, String org, AppTokens.Client app) throws Exception {
        String appId = clients.find(app.clientId()).orElseThrow().id().toString();
        browser.get("/" + org + "/apps/" + appId + "/disconnect");
        var answer = browser.post("/" + org + "/apps/" + appId + "/disconnect");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    }
}
