package org.caregate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.ServletRegistration;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.caregate.FormSession;
import org.caregate.PortalEndpoints;
import org.caregate.PortalEndpoints.Endpoint;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountKind;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.StaffRole;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.internal.Grants;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix (issue 7): every patient page, action, download and FHIR read, asked by
 * every kind of person, each answer checked: allowed and showing the patient's data, or refused
 * without revealing anything of the patient.
 *
 * <p><b>How an endpoint joins.</b> The endpoints come from the application's own request mappings.
 * A handler with a {@code @ForPatient Viewing} parameter is a patient endpoint and joins the matrix
 * by itself, with the areas and access its annotation names. Every other handler must be listed,
 * with what it is, in {@link #NOT_PATIENT_DATA}; a handler in neither place fails
 * {@link #everyHandlerIsAPatientEndpointOrListedAsSomethingElse()}, so a new page either asks the
 * caregiver decision or is consciously declared as not showing a patient's data. FHIR reads, served
 * outside Spring MVC, join through {@link #FHIR_READS}.
 *
 * <p><b>Who asks.</b> The patient themselves; a full caregiver; a caregiver limited to each area,
 * read-only (and one able to act in each area where an endpoint needs it); a caregiver whose grant
 * has expired and one whose grant was revoked, each with a session still open on the patient; the
 * parents of children one day before and on their 12th birthday, one day before and on their 18th;
 * someone the patient chose on their 18th birthday; and an unrelated patient, signed in with a record
 * of their own. Every patient has confidential items (results, a health issue, a medicine), which
 * must show only to the patient and to a young child's parent.
 *
 * <p>One Spring context (shared with the other HTTP tests of the same set-up), people and grants
 * made once; each endpoint for each person is a test of its own, named by both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests {

    /** What a handler that does not show a patient's data is: the reason it may go without {@code @ForPatient}. */
    enum Kind {
        /** Open to anyone: no session, nothing of anyone's. */
        PUBLIC,
        /** A step of signing in, signing up or recovering an account: nobody is signed in yet. */
        SIGN_IN,
        /** The signed-in person's own account (contacts, password, second factor, sign-ins): theirs, whoever they view. */
        OWN_ACCOUNT,
        /** Choosing whose record to view: {@link CareAccess#choose} decides; every case of the matrix tries it. */
        SWITCHER,
        /**
         * A patient managing who may help them, or a caregiver accepting an invitation: must act only
         * on the signed-in person's own grants (the sharing and invitation pages).
         */
        CAREGIVER_MANAGEMENT,
        /** Staff only (the security configuration refuses patients); staff access is decided by role. */
        STAFF,
        /** A provider's callback, checked by its signature. */
        WEBHOOK,
        /** Development aids, off in production. */
        DEVELOPMENT,
        /** The error page. */
        ERROR
    }

    /**
     * Every handler that is not a patient endpoint, by method and pattern (variables without their
     * regular expressions). A handler that shows or changes a patient's data does not belong here:
     * give it a {@code @ForPatient Viewing} parameter instead.
     */
    static final Map<String, Kind> NOT_PATIENT_DATA = classification(Map.of(
            Kind.PUBLIC, List.of(
                    "GET /",
                    "GET /manifest.webmanifest",
                    "GET /{organizationId}/manifest.webmanifest",
                    "GET /org/{organizationId}/theme.css",
                    "GET /help/cookies",
                    "GET /help/sign-in",
                    "POST /password-strength"),
            Kind.SIGN_IN, List.of(
                    "GET /{organizationId}/sign-in", "POST /{organizationId}/sign-in",
                    "POST /{organizationId}/sign-in/passkey", "POST /{organizationId}/sign-in/passkey/options",
                    "GET /{organizationId}/sign-in/step/app", "POST /{organizationId}/sign-in/step/app",
                    "GET /{organizationId}/sign-in/step/call", "POST /{organizationId}/sign-in/step/call",
                    "POST /{organizationId}/sign-in/step/call/again", "GET /{organizationId}/sign-in/step/call/status",
                    "GET /{organizationId}/sign-in/step/code", "POST /{organizationId}/sign-in/step/code",
                    "POST /{organizationId}/sign-in/step/code/resend",
                    "GET /{organizationId}/sign-in/step/other",
                    "GET /{organizationId}/sign-in/step/passkey", "POST /{organizationId}/sign-in/step/passkey",
                    "POST /{organizationId}/sign-in/step/passkey/options",
                    "GET /{organizationId}/sign-in/step/recovery", "POST /{organizationId}/sign-in/step/recovery",
                    "POST /{organizationId}/sign-in/step/recovery-codes/done",
                    "GET /{organizationId}/sign-in/step/set-up", "POST /{organizationId}/sign-in/step/set-up",
                    "GET /{organizationId}/sign-in/step/set-up/app", "POST /{organizationId}/sign-in/step/set-up/app",
                    "GET /{organizationId}/sign-in/step/set-up/call", "POST /{organizationId}/sign-in/step/set-up/call",
                    "POST /{organizationId}/sign-in/step/set-up/call/again",
                    "GET /{organizationId}/sign-in/step/set-up/call/status",
                    "GET /{organizationId}/sign-in/step/set-up/confirm", "POST /{organizationId}/sign-in/step/set-up/confirm",
                    "POST /{organizationId}/sign-in/step/set-up/not-now", "POST /{organizationId}/sign-in/step/set-up/resend",
                    "GET /{organizationId}/sign-up", "POST /{organizationId}/sign-up",
                    "GET /{organizationId}/sign-up/account", "POST /{organizationId}/sign-up/account",
                    "GET /{organizationId}/sign-up/code", "POST /{organizationId}/sign-up/code",
                    "GET /{organizationId}/sign-up/done",
                    "GET /{organizationId}/forgot-password", "POST /{organizationId}/forgot-password",
                    "GET /{organizationId}/forgot-password/code", "POST /{organizationId}/forgot-password/code",
                    "GET /{organizationId}/forgot-password/done",
                    "GET /{organizationId}/forgot-password/new-password", "POST /{organizationId}/forgot-password/new-password",
                    "GET /{organizationId}/forgot-username", "POST /{organizationId}/forgot-username",
                    "GET /staff/sign-in", "POST /staff/sign-in",
                    "GET /staff/sign-in/step/passkey", "POST /staff/sign-in/step/passkey",
                    "POST /staff/sign-in/step/passkey/options",
                    "GET /staff/sign-in/step/passkey/set-up", "POST /staff/sign-in/step/passkey/set-up",
                    "POST /staff/sign-in/step/passkey/set-up/options"),
            Kind.OWN_ACCOUNT, List.of(
                    "GET /{organizationId}/account",
                    "GET /{organizationId}/account/email", "POST /{organizationId}/account/email",
                    "GET /{organizationId}/account/email/confirm", "POST /{organizationId}/account/email/confirm",
                    "GET /{organizationId}/account/password", "POST /{organizationId}/account/password",
                    "GET /{organizationId}/account/phone", "POST /{organizationId}/account/phone",
                    "GET /{organizationId}/account/phone/confirm", "POST /{organizationId}/account/phone/confirm",
                    "GET /{organizationId}/account/preferences", "POST /{organizationId}/account/preferences",
                    "GET /{organizationId}/account/second-factor",
                    "GET /{organizationId}/account/second-factor/app", "POST /{organizationId}/account/second-factor/app",
                    "POST /{organizationId}/account/second-factor/browsers/forget-all",
                    "POST /{organizationId}/account/second-factor/browsers/{id}/forget",
                    "GET /{organizationId}/account/second-factor/check", "POST /{organizationId}/account/second-factor/check",
                    "GET /{organizationId}/account/second-factor/check/call",
                    "POST /{organizationId}/account/second-factor/check/call",
                    "POST /{organizationId}/account/second-factor/check/call/again",
                    "POST /{organizationId}/account/second-factor/check/call/start",
                    "GET /{organizationId}/account/second-factor/check/call/status",
                    "POST /{organizationId}/account/second-factor/check/text",
                    "POST /{organizationId}/account/second-factor/new-recovery-codes",
                    "POST /{organizationId}/account/second-factor/passkeys",
                    "POST /{organizationId}/account/second-factor/passkeys/options",
                    "POST /{organizationId}/account/second-factor/passkeys/{id}/remove",
                    "GET /{organizationId}/account/second-factor/phone", "POST /{organizationId}/account/second-factor/phone",
                    "GET /{organizationId}/account/second-factor/phone/call",
                    "POST /{organizationId}/account/second-factor/phone/call",
                    "POST /{organizationId}/account/second-factor/phone/call/again",
                    "GET /{organizationId}/account/second-factor/phone/call/status",
                    "POST /{organizationId}/account/second-factor/phone/confirm",
                    "POST /{organizationId}/account/second-factor/remove-app",
                    "GET /{organizationId}/account/sign-ins",
                    "POST /{organizationId}/account/sign-out-everywhere",
                    "POST /session/keep-alive"),
            Kind.SWITCHER, List.of("POST /{organizationId}/viewing"),
            // The sharing and invitation pages (another branch) go here; staff's caregiver page under STAFF.
            Kind.CAREGIVER_MANAGEMENT, List.of(),
            Kind.STAFF, List.of(
                    "GET /staff",
                    "GET /staff/activation", "POST /staff/activation", "POST /staff/activation/issue",
                    "GET /staff/record/import", "POST /staff/record/import",
                    "GET /staff/record/import/upload", "POST /staff/record/import/upload"),
            Kind.WEBHOOK, List.of(
                    "POST /notify/twilio/sms/{outboxId}/status",
                    "POST /notify/twilio/voice/outbox/{outboxId}/status",
                    "POST /notify/twilio/voice/{call}/key",
                    "POST /notify/twilio/voice/{call}/status"),
            Kind.DEVELOPMENT, List.of("GET /dev/outbox", "POST /dev/outbox/calls/{ref}"),
            Kind.ERROR, List.of("ANY /error")));

    /**
     * Listed handlers that exist only with some configuration (Twilio's webhooks, when Twilio is set
     * up), so may be missing from the test's application without being stale.
     */
    static final Set<String> ONLY_WHEN_CONFIGURED = Set.of(
            "POST /notify/twilio/sms/{outboxId}/status",
            "POST /notify/twilio/voice/outbox/{outboxId}/status",
            "POST /notify/twilio/voice/{call}/key",
            "POST /notify/twilio/voice/{call}/status");

    /**
     * Patient actions (POST and the like) with a form that is valid for the patient's data, by
     * endpoint key: the matrix sends it as each person and expects the action to pass the decision
     * (an answer below 400) or to be refused. {@code {id}} in a value is filled like the address.
     */
    static final Map<String, List<String>> ACTION_FORMS = Map.of();

    /**
     * The FHIR API's reads (issue 8), served by HAPI's servlet outside Spring MVC, so not in the
     * request mappings: list each here, with the area whose caregivers may read it, and it runs for
     * every person like a page of that area. In a path, {@code {patient}} is the patient's id and
     * {@code {id}} each of their items. {@link #everyServletOutsideSpringMvcHasItsReadsInTheMatrix()}
     * fails while a servlet serves addresses that no read here names. How a person reads FHIR (a
     * SMART app's token issued for them and the patient) is to be settled in {@link #fhirAnswer}.
     */
    static final List<FhirRead> FHIR_READS = List.of(
            // new FhirRead("/fhir/Patient/{patient}", Area.RECORD),
            // new FhirRead("/fhir/Observation?patient={patient}&category=laboratory", Area.RESULTS),
            // new FhirRead("/fhir/Observation/{id}", Area.RESULTS),
    );

    record FhirRead(String path, Area area) {}

    private static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    private static final String TEST_SYSTEM = "urn:caregate:test:matrix";
    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Set<Integer> REFUSALS = Set.of(401, 403, 404);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    WebApplicationContext web;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    TestPatients patients;

    @Autowired
    CareGrants careGrants;

    @Autowired
    CareAccess careAccess;

    @Autowired
    Grants grants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    private LocalDate today;
    private Account staff;
    private final List<Case> cases = new ArrayList<>();

    // ---------------------------------------------------------------------------------------------
    // Every handler is in the matrix or listed

    @Test
    void everyHandlerIsAPatientEndpointOrListedAsSomethingElse() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Endpoint endpoint : PortalEndpoints.all(mappings)) {
            seen.add(endpoint.key());
            boolean listed = NOT_PATIENT_DATA.containsKey(endpoint.key());
            if (endpoint.forPatient().isPresent()) {
                if (listed) {
                    problems.add(endpoint.key() + " (" + endpoint.handlerName() + ") has @ForPatient and is listed as "
                            + NOT_PATIENT_DATA.get(endpoint.key()) + ": take it out of NOT_PATIENT_DATA");
                }
                if (!endpoint.variables().contains("organizationId")) {
                    problems.add(endpoint.key() + " (" + endpoint.handlerName() + ") has @ForPatient but no "
                            + "{organizationId} in its address: the decision needs the organisation whose portal it is");
                }
                List<String> unknown = endpoint.variables().stream().filter(v -> !v.equals("organizationId") && !v.equals("id")).toList();
                if (!unknown.isEmpty()) {
                    problems.add(endpoint.key() + " (" + endpoint.handlerName() + ") has variables the matrix cannot fill "
                            + unknown + ": teach AuthorizationMatrixIntegrationTests to fill them with the patient's data");
                }
                if (!endpoint.reads() && !ACTION_FORMS.containsKey(endpoint.key())) {
                    problems.add(endpoint.key() + " (" + endpoint.handlerName() + ") is a patient action: add a valid "
                            + "form for it to ACTION_FORMS so that the matrix can try it as everyone");
                }
            } else if (!listed) {
                problems.add(endpoint.key() + " (" + endpoint.handlerName() + ") is in neither place. If it shows or "
                        + "changes a patient's data, give the handler a @ForPatient(Area...) Viewing parameter and read "
                        + "the patient from it; otherwise add \"" + endpoint.key() + "\" to NOT_PATIENT_DATA under its Kind");
            }
        }
        NOT_PATIENT_DATA.keySet().stream().filter(key -> !seen.contains(key) && !ONLY_WHEN_CONFIGURED.contains(key))
                .forEach(key -> problems.add(key + " is listed in NOT_PATIENT_DATA but no handler serves it: take it out"));
        assertThat(problems).as("Handlers the authorisation matrix does not know what to do with").isEmpty();
    }

    @Test
    void everyServletOutsideSpringMvcHasItsReadsInTheMatrix() {
        List<String> unlisted = new ArrayList<>();
        for (ServletRegistration servlet : web.getServletContext().getServletRegistrations().values()) {
            if (isSpringOrContainer(servlet)) {
                continue;
            }
            for (String mapping : servlet.getMappings()) {
                String prefix = mapping.replaceFirst("/?\\*$", "");
                if (FHIR_READS.stream().noneMatch(read -> read.path().startsWith(prefix))) {
                    unlisted.add(servlet.getName() + " at " + mapping);
                }
            }
        }
        assertThat(unlisted).as("Servlets outside Spring MVC whose reads are not in FHIR_READS").isEmpty();
    }

    private static boolean isSpringOrContainer(ServletRegistration servlet) {
        return servlet.getClassName().equals(DispatcherServlet.class.getName())
                || servlet.getClassName().startsWith("org.apache.catalina.");
    }

    // ---------------------------------------------------------------------------------------------
    // The people and their grants, made once

    @BeforeAll
    void makeThePeople() throws Exception {
        today = LocalDate.now(clock);
        staff = accounts.openStaffAccount("st" + TestPatients.tag(), "staff-" + TestPatients.tag() + "@caregate.example",
                Set.of(StaffRole.SUPPORT), TestPatients.PASSWORD);
        Target adult = target("adult patient", null);
        List<Endpoint> endpoints = patientEndpoints();

        cases.add(new Case("the patient themselves", signedIn(adult.record().account(), adult), adult, all(), true, null));

        Account full = proxyOf(adult);
        grant(adult, full, CareGrants.Terms.fullAccess(null));
        cases.add(new Case("full caregiver", signedIn(full, adult), adult, all(), false, null));

        for (Area area : Area.values()) {
            cases.add(limited(adult, area, Access.READ));
            boolean someoneActsHere = endpoints.stream().anyMatch(e -> e.forPatient().orElseThrow().access() == Access.ACT
                    && List.of(e.forPatient().orElseThrow().value()).contains(area));
            if (someoneActsHere) {
                cases.add(limited(adult, area, Access.ACT));
            }
        }

        // Expired: the grant worked when the caregiver chose the patient; before each request it ends yesterday.
        Account expired = proxyOf(adult);
        UUID expiring = grant(adult, expired, CareGrants.Terms.fullAccess(null));
        FormSession expiredBrowser = signedIn(expired, adult);
        cases.add(new Case("expired caregiver, session open on the patient", expiredBrowser, adult, null, false, () -> {
            careGrants.change(expiring, adult.record().account().id(), CareGrants.Terms.fullAccess(null));
            choose(expiredBrowser, adult);
            careGrants.change(expiring, adult.record().account().id(), CareGrants.Terms.fullAccess(today.minusDays(1)));
        }));

        // Revoked: a grant made, the patient chosen, the grant revoked, before each request.
        Account revoked = proxyOf(adult);
        FormSession revokedBrowser = signedIn(revoked, adult);
        cases.add(new Case("revoked caregiver, session open on the patient", revokedBrowser, adult, null, false, () -> {
            UUID grant = grant(adult, revoked, CareGrants.Terms.fullAccess(null));
            choose(revokedBrowser, adult);
            assertThat(careGrants.revoke(grant, adult.record().account().id())).isTrue();
        }));

        // The age rules, with birth dates counted back from the portal's today.
        Target before12 = target("child, 12 tomorrow", today.minusYears(12).plusDays(1));
        cases.add(new Case("parent of a child the day before their 12th birthday", parentOf(before12), before12, all(), true, null));
        Target on12 = target("child, 12 today", today.minusYears(12));
        cases.add(new Case("parent of a child on their 12th birthday", parentOf(on12), on12, all(), false, null));
        Target before18 = target("teenager, 18 tomorrow", today.minusYears(18).plusDays(1));
        cases.add(new Case("parent of a teenager the day before their 18th birthday", parentOf(before18), before18, all(), false, null));
        Target on18 = target("young adult, 18 today", today.minusYears(18));
        Account parentOf18 = proxyOf(on18);
        Instant lastYear = clock.instant().minus(Duration.ofDays(365));
        grants.insert(new Grant(UUID.randomUUID(), on18.record().patient().id(), on18.organizationId(), parentOf18.id(),
                Basis.PARENT_OF_MINOR, "parent_of_minor", "Parent", true, Map.of(), null, null, null, staff.id(), lastYear,
                lastYear, null), null);
        cases.add(new Case("parent of a young adult on their 18th birthday", signedIn(parentOf18, on18), on18, null, false, null));
        Account chosenAt18 = proxyOf(on18);
        grant(on18, chosenAt18, CareGrants.Terms.fullAccess(null));
        cases.add(new Case("caregiver the patient chose on their 18th birthday", signedIn(chosenAt18, on18), on18, all(), false, null));

        var unrelated = records().patientWithRecord(bundle -> knownAt(bundle, adult.organizationId()));
        Account unrelatedAccount = unrelated.account();
        cases.add(new Case("unrelated patient with a record of their own", signedIn(unrelatedAccount, adult), adult, null, false, null));
    }

    /** A patient with a whole generated record, confidential items added, registered under unique names and a chosen birth date. */
    private Target target(String description, @Nullable LocalDate born) {
        String tag = TestPatients.tag();
        var record = records().patientWithRecord(TestRecords::hasEveryPart, generated -> new NewPatient(
                "Lior" + tag.substring(0, 5), "Vantreight" + tag, born == null ? generated.dateOfBirth() : born,
                generated.sex(), generated.address(), generated.email(), generated.preferredLanguage(), generated.phones(),
                generated.recordNumbers()));
        String organizationId = record.organizationId();
        List<String> markers = List.of("Confidential result " + tag, "Confidential issue " + tag, "Confidential medicine " + tag);
        ImportResult result = imports.importBundle(organizationId, FhirContext.forR4Cached().newJsonParser()
                .encodeResourceToString(confidentialItems(record, tag, markers)));
        assertThat(result).as("the confidential items' import").isInstanceOf(ImportResult.Imported.class);
        UUID patient = record.patient().id().value();
        Map<UUID, Area> resources = new HashMap<>();
        Map<Area, Set<String>> texts = new EnumMap<>(Area.class);
        jdbc.sql("""
                SELECT id, CASE WHEN resource_type = 'DiagnosticReport'
                                  OR (resource_type = 'Observation' AND category = 'laboratory') THEN 'RESULTS'
                                WHEN resource_type LIKE 'Medication%' THEN 'MEDICATIONS' ELSE 'RECORD' END AS area,
                       confidential,
                       concat_ws('|', resource#>>'{code,text}', resource#>>'{code,coding,0,display}',
                                 resource#>>'{medicationCodeableConcept,text}',
                                 resource#>>'{medicationCodeableConcept,coding,0,display}',
                                 resource#>>'{vaccineCode,text}', resource#>>'{vaccineCode,coding,0,display}') AS texts
                  FROM record_resource WHERE patient_id = ?
                """).param(patient).query((rs, n) -> {
                    Area area = Area.valueOf(rs.getString("area"));
                    UUID id = rs.getObject("id", UUID.class);
                    resources.put(id, area);
                    if (!rs.getBoolean("confidential")) {
                        for (String text : rs.getString("texts").split("\\|")) {
                            if (text.length() >= 5) {
                                texts.computeIfAbsent(area, a -> new HashSet<>()).add(text);
                            }
                        }
                    }
                    return id;
                }).list();
        List<UUID> confidential = jdbc.sql("SELECT id FROM record_resource WHERE patient_id = ? AND confidential")
                .param(patient).query(UUID.class).list();
        assertThat(confidential).as("the confidential items are stored as such").hasSizeGreaterThanOrEqualTo(3);
        List<UUID> samples = new ArrayList<>(PortalEndpoints.samples(jdbc, patient));
        samples.removeAll(confidential);
        return new Target(description, record, organizationId, resources, Set.copyOf(confidential), markers, texts,
                samples);
    }

    /**
     * A result, a health issue and a medicine labelled restricted (v3 Confidentiality {@code R}), as
     * an EHR sends a sensitive test, a mental-health problem and its treatment; each carries a marker
     * text found nowhere else.
     */
    private static Bundle confidentialItems(TestRecords.PatientWithRecord record, String tag, List<String> markers) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var person = new org.hl7.fhir.r4.model.Patient();
        person.addIdentifier().setSystem(RecordIdentifiers.mrnSystem(record.organizationId()))
                .setValue(record.patient().recordNumberAt(record.organizationId()).orElseThrow().value());
        String subject = add(bundle, person);
        Date yesterday = Date.from(Instant.now().minus(Duration.ofDays(1)));

        Observation result = new Observation();
        result.addIdentifier().setSystem(TEST_SYSTEM).setValue("result-" + tag);
        result.setStatus(Observation.ObservationStatus.FINAL);
        result.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        result.setCode(new CodeableConcept(new Coding("http://loinc.org", "5221-7", markers.get(0))).setText(markers.get(0)));
        result.setSubject(new Reference(subject));
        result.setEffective(new DateTimeType(yesterday));
        result.setValue(new StringType("Negative"));
        restricted(result);
        add(bundle, result);

        Condition issue = new Condition();
        issue.addIdentifier().setSystem(TEST_SYSTEM).setValue("issue-" + tag);
        issue.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        issue.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item", "Problem List Item")));
        issue.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "35489007", markers.get(1))).setText(markers.get(1)));
        issue.setSubject(new Reference(subject));
        issue.setOnset(new DateTimeType(yesterday));
        restricted(issue);
        add(bundle, issue);

        MedicationRequest medicine = new MedicationRequest();
        medicine.addIdentifier().setSystem(TEST_SYSTEM).setValue("medicine-" + tag);
        medicine.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        medicine.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        medicine.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm", "312938",
                markers.get(2))).setText(markers.get(2)));
        medicine.setSubject(new Reference(subject));
        medicine.setAuthoredOn(yesterday);
        restricted(medicine);
        add(bundle, medicine);
        return bundle;
    }

    private static void restricted(Resource resource) {
        resource.getMeta().addSecurity(CONFIDENTIALITY, "R", "restricted");
    }

    private static String add(Bundle bundle, Resource resource) {
        String url = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(url).setResource(resource).setRequest(new Bundle.BundleEntryRequestComponent()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType()));
        return url;
    }

    /** A generated record of a patient at this organisation (the generator spreads them). */
    private static boolean knownAt(Bundle bundle, String organizationId) {
        return ((org.hl7.fhir.r4.model.Patient) bundle.getEntryFirstRep().getResource()).getIdentifier().stream()
                .anyMatch(i -> RecordIdentifiers.mrnSystem(organizationId).equals(i.getSystem()));
    }

    private TestRecords records() {
        return new TestRecords(registry, organizations, imports, accounts);
    }

    /** Someone with an account (and a registry entry, without a record) at the patient's organisation. */
    private Account proxyOf(Target target) {
        return patients.patientWithAccount(target.organizationId());
    }

    /** A grant the patient invites the caregiver to, accepted by them. */
    private UUID grant(Target target, Account proxy, CareGrants.Terms terms) {
        var invitation = careGrants.invite(target.record().account().id(), target.record().patient().id(),
                target.organizationId(), "Sam Carer", "carer-" + TestPatients.tag() + "@example.org", "spouse", terms);
        assertThat(careGrants.accept(invitation.grant().id(), proxy.id(), proxy.patientId())).isTrue();
        return invitation.grant().id();
    }

    private Case limited(Target target, Area area, Access access) throws Exception {
        Account proxy = proxyOf(target);
        grant(target, proxy, new CareGrants.Terms(false, Map.of(area, access), null));
        return new Case("caregiver limited to " + area + " " + access, signedIn(proxy, target), target,
                Map.of(area, access), false, null);
    }

    /** A parent, recorded by staff after paperwork, signed in. */
    private FormSession parentOf(Target child) throws Exception {
        Account parent = proxyOf(child);
        careGrants.record(staff.id(), child.record().patient().id(), child.organizationId(), parent.id(), "Parent",
                Basis.PARENT_OF_MINOR, CareGrants.Terms.fullAccess(null));
        return signedIn(parent, child);
    }

    private FormSession signedIn(Account account, Target target) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn(target.organizationId(), account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).as("signed in").startsWith("/" + target.organizationId() + "/");
        // A page after signing in, for the session's own form token.
        browser.get("/" + target.organizationId() + "/account");
        return browser;
    }

    /** Switches the browser to the patient's record, as the switcher does. */
    private static HttpResponse<String> choose(FormSession browser, Target target) throws Exception {
        return browser.post("/" + target.organizationId() + "/viewing", "patient",
                target.record().patient().id().value().toString());
    }

    private static Map<Area, Access> all() {
        Map<Area, Access> all = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            all.put(area, Access.ACT);
        }
        return all;
    }

    private List<Endpoint> patientEndpoints() {
        return PortalEndpoints.all(mappings).stream().filter(e -> e.forPatient().isPresent()).toList();
    }

    // ---------------------------------------------------------------------------------------------
    // The matrix

    @TestFactory
    Stream<DynamicNode> matrix() {
        List<Endpoint> endpoints = patientEndpoints();
        assertThat(endpoints).as("patient endpoints found").hasSizeGreaterThanOrEqualTo(10);
        return cases.stream().map(c -> {
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(test(c, "POST /{organizationId}/viewing (choose the patient)", () -> trySwitching(c)));
            for (Endpoint endpoint : endpoints) {
                tests.add(test(c, endpoint.key(), () -> tryEndpoint(c, endpoint)));
            }
            for (FhirRead read : FHIR_READS) {
                tests.add(test(c, "FHIR " + read.path(), () -> tryFhirRead(c, read)));
            }
            tests.add(test(c, "what the answers showed, taken together", () -> checkWhatWasShown(c)));
            return DynamicContainer.dynamicContainer(c.title(), tests.stream());
        });
    }

    /** A test of the matrix whose failure names the person and the patient as well as the endpoint (reports show indexes). */
    private static DynamicTest test(Case c, String name, Executable check) {
        return DynamicTest.dynamicTest(name, () -> {
            try {
                check.execute();
            } catch (AssertionError failed) {
                throw new AssertionError(c.title() + ", " + name + ": " + failed.getMessage(), failed);
            }
        });
    }

    private void trySwitching(Case c) throws Exception {
        c.prepare();
        var answer = choose(c.browser(), c.target());
        if (c.seesPatient()) {
            assertThat(answer.statusCode()).as("switching").isEqualTo(302);
            assertThat(FormSession.location(answer)).isEqualTo("/" + c.target().organizationId() + "/home");
        } else {
            assertThat(answer.statusCode()).as("switching to a patient one may not view").isEqualTo(403);
            assertNothingOf(c, answer.body() + location(answer), "POST /viewing", true, false);
        }
    }

    private void tryEndpoint(Case c, Endpoint endpoint) throws Exception {
        ForPatient page = endpoint.forPatient().orElseThrow();
        boolean allowed = c.seesPatient() && (page.value().length == 0
                || Stream.of(page.value()).anyMatch(area -> c.allowed().containsKey(area) && c.allowed().get(area).covers(page.access())));
        Target target = c.target();
        if (!endpoint.variables().contains("id")) {
            c.prepare();
            Answer answer = request(c, endpoint, endpoint.path(target.organizationId()));
            judge(c, endpoint.key(), answer, allowed, false);
            return;
        }
        boolean opened = false;
        for (UUID id : target.samples()) {
            c.prepare();
            Answer answer = request(c, endpoint, endpoint.path(target.organizationId(), id));
            judge(c, endpoint.key() + " with " + id, answer, allowed, true);
            opened |= answer.status() == 200;
        }
        for (UUID id : target.confidential()) {
            c.prepare();
            Answer answer = request(c, endpoint, endpoint.path(target.organizationId(), id));
            judge(c, endpoint.key() + " with confidential " + id, answer, allowed && c.seesConfidential(), true);
        }
        if (allowed) {
            assertThat(opened).as("%s opens one of the patient's items", endpoint.key()).isTrue();
        }
    }

    private void tryFhirRead(Case c, FhirRead read) throws Exception {
        boolean allowed = c.seesPatient() && c.allowed().containsKey(read.area());
        Target target = c.target();
        String path = read.path().replace("{patient}", target.record().patient().id().value().toString());
        List<String> paths = path.contains("{id}")
                ? target.samples().stream().map(id -> path.replace("{id}", id.toString())).toList() : List.of(path);
        for (String one : paths) {
            c.prepare();
            judge(c, "FHIR " + one, fhirAnswer(c, one), allowed, path.contains("{id}"));
        }
    }

    /**
     * A FHIR read as this person. Until issue 8 settles how a person's FHIR read is authorised, with
     * the browser's session; then with a token issued to this person for this patient.
     */
    private Answer fhirAnswer(Case c, String path) throws Exception {
        var answer = c.browser().send(c.browser().request(path).header("Accept", "application/fhir+json").GET().build());
        return new Answer(answer.statusCode(), answer.body() + location(answer), false);
    }

    private Answer request(Case c, Endpoint endpoint, String path) throws Exception {
        if (endpoint.reads()) {
            HttpResponse<byte[]> answer = c.browser().bytes(path);
            boolean html = answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html");
            return new Answer(answer.statusCode(), PortalEndpoints.readable(answer) + location(answer), !html);
        }
        List<String> form = ACTION_FORMS.get(endpoint.key()).stream()
                .map(v -> v.replace("{patient}", c.target().record().patient().id().value().toString())).toList();
        c.browser().get("/" + c.target().organizationId() + "/account");
        var answer = c.browser().post(path, form.toArray(String[]::new));
        return new Answer(answer.statusCode(), answer.body() + location(answer), false);
    }

    /**
     * Allowed: a page (or the redirect of an action) showing nothing outside what the person may see.
     * Refused: 403 or 404 (a person signed in with a record of their own may be shown their own
     * pages instead), and nothing of the patient.
     */
    private void judge(Case c, String what, Answer answer, boolean allowed, boolean item) {
        if (allowed) {
            if (item) {
                assertThat(answer.status()).as("%s: the patient's item, or not found for an item of another kind", what)
                        .isIn(200, 404);
            } else if (answer.file() || what.startsWith("GET") || what.startsWith("ANY")) {
                assertThat(answer.status()).as("%s: allowed", what).isEqualTo(200);
            } else {
                assertThat(answer.status()).as("%s: allowed to act", what).isBetween(200, 399);
            }
            assertThat(answer.body()).as("%s: allowed", what).doesNotContain("This page is not part of your access");
            c.shown().record(answer.body(), c.target());
            assertShowsOnlyWhatIsAllowed(c, answer.body(), what);
            return;
        }
        if (!c.seesPatient() && c.hasOwnRecordToShow() && !item) {
            // Their own pages, at the same address: anything but the patient's data.
            assertThat(answer.status()).as("%s", what).isIn(200, 403, 404);
        } else {
            assertThat(answer.status()).as("%s: refused", what).isIn(REFUSALS);
        }
        // A caregiver refused one page still views the patient: the bar may name them, nothing more.
        assertNothingOf(c, answer.body(), what, answer.status() >= 400, c.seesPatient());
    }

    private void assertShowsOnlyWhatIsAllowed(Case c, String body, String what) {
        Target target = c.target();
        Matcher ids = UUIDS.matcher(body);
        while (ids.find()) {
            UUID id = UUID.fromString(ids.group());
            Area area = target.resources().get(id);
            if (area == null) {
                continue;
            }
            assertThat(c.allowed()).as("%s shows an item of %s (%s)", what, area, id).containsKey(area);
            if (!c.seesConfidential()) {
                assertThat(target.confidential()).as("%s shows a confidential item", what).doesNotContain(id);
            }
        }
        if (!c.seesConfidential()) {
            for (String marker : target.markers()) {
                assertThat(body).as("%s shows a confidential item", what).doesNotContain(marker);
            }
        }
    }

    /**
     * Nothing that names the patient (unless {@code mayName}: someone who views them) or any of their
     * items; on a refusal, none of their tests' names either.
     */
    private void assertNothingOf(Case c, String body, String what, boolean refusal, boolean mayName) {
        Target target = c.target();
        var patient = target.record().patient();
        List<String> secrets = mayName ? List.of(patient.recordNumbers().getFirst().value())
                : List.of(patient.givenNames(), patient.familyName(), patient.id().value().toString(),
                        patient.recordNumbers().getFirst().value());
        for (String secret : secrets) {
            assertThat(body).as("%s reveals the patient (%s)", what, secret).doesNotContain(secret);
        }
        for (String marker : target.markers()) {
            assertThat(body).as("%s reveals a confidential item", what).doesNotContain(marker);
        }
        Matcher ids = UUIDS.matcher(body);
        while (ids.find()) {
            assertThat(target.resources()).as("%s reveals an item of the patient's", what)
                    .doesNotContainKey(UUID.fromString(ids.group()));
        }
        if (refusal) {
            for (String text : target.texts().getOrDefault(Area.RESULTS, Set.of())) {
                assertThat(body).as("%s reveals a test of the patient's", what).doesNotContain(text);
            }
        }
    }

    /**
     * Taken together, the answers a person was allowed showed the patient (by name, to a caregiver)
     * and something of every area they may read; each confidential item showed somewhere to those
     * who may see it, so that its absence elsewhere means something.
     */
    private void checkWhatWasShown(Case c) {
        if (!c.seesPatient()) {
            return;
        }
        Shown shown = c.shown();
        if (c.name().contains("caregiver") || c.name().contains("parent")) {
            assertThat(shown.name).as("the caregiver saw whose record they view").isTrue();
        }
        for (Area area : List.of(Area.RESULTS, Area.RECORD, Area.MEDICATIONS)) {
            if (c.allowed().containsKey(area)) {
                assertThat(shown.areas).as("something of %s was shown", area).contains(area);
            }
        }
        if (c.seesConfidential()) {
            assertThat(shown.markers).as("each confidential item was shown somewhere").containsExactlyInAnyOrderElementsOf(
                    c.target().markers());
        }
    }

    private static String location(HttpResponse<?> answer) {
        return answer.headers().firstValue("Location").map(l -> "\nLocation: " + l).orElse("");
    }

    // ---------------------------------------------------------------------------------------------
    // Acting needs ACT: no endpoint asks for it yet, so the decision is asked directly.

    @Test
    void actingNeedsAGrantToActAndReadingOneToRead() {
        Target target = cases.getFirst().target();
        Account reader = proxyOf(target);
        grant(target, reader, new CareGrants.Terms(false, Map.of(Area.APPOINTMENTS, Access.READ), null));
        Account actor = proxyOf(target);
        grant(target, actor, new CareGrants.Terms(false, Map.of(Area.APPOINTMENTS, Access.ACT), null));

        var readerSession = chosen(reader, target);
        Viewing reading = careAccess.decide(user(reader), target.organizationId(), List.of(Area.APPOINTMENTS), Access.READ,
                "GET /test", readerSession);
        assertThat(reading.patient()).isEqualTo(target.record().patient().id());
        assertThat(reading.may(Area.APPOINTMENTS, Access.ACT)).isFalse();
        assertThatThrownBy(() -> careAccess.decide(user(reader), target.organizationId(), List.of(Area.APPOINTMENTS),
                Access.ACT, "POST /test", readerSession)).isInstanceOf(CareAccess.NotAllowed.class);
        assertThatThrownBy(() -> careAccess.decide(user(reader), target.organizationId(), List.of(Area.RESULTS),
                Access.READ, "GET /test", readerSession)).isInstanceOf(CareAccess.NotAllowed.class);

        Viewing acting = careAccess.decide(user(actor), target.organizationId(), List.of(Area.APPOINTMENTS), Access.ACT,
                "POST /test", chosen(actor, target));
        assertThat(acting.patient()).isEqualTo(target.record().patient().id());
        assertThat(acting.hideConfidential()).isTrue();
    }

    private MockHttpSession chosen(Account account, Target target) {
        var session = new MockHttpSession();
        careAccess.choose(user(account), target.organizationId(), target.record().patient().id(), session);
        return session;
    }

    private static PortalUser user(Account account) {
        return new PortalUser(account.id(), AccountKind.PATIENT, account.homeOrganizationId(), account.patientId(), "Sam",
                Set.of(), SignInMethod.PASSWORD, Instant.now());
    }

    // ---------------------------------------------------------------------------------------------

    /** A patient the matrix asks about, and everything that would reveal them. */
    record Target(String description, TestRecords.PatientWithRecord record, String organizationId,
            Map<UUID, Area> resources, Set<UUID> confidential, List<String> markers, Map<Area, Set<String>> texts,
            List<UUID> samples) {}

    /** Something done before each request: for grants that end while a session is open on the patient. */
    @FunctionalInterface
    interface Preparation {
        void run() throws Exception;
    }

    /**
     * One person asking about one patient.
     *
     * @param allowed what they should be allowed in each area; {@code null}: nothing of the patient
     * @param seesConfidential whether the patient's confidential items are theirs to see
     */
    record Case(String name, FormSession browser, Target target, @Nullable Map<Area, Access> allowed,
            boolean seesConfidential, @Nullable Preparation preparation, Shown shown) {

        Case(String name, FormSession browser, Target target, @Nullable Map<Area, Access> allowed, boolean seesConfidential,
                @Nullable Preparation preparation) {
            this(name, browser, target, allowed, seesConfidential, preparation, new Shown());
        }

        boolean seesPatient() {
            return allowed != null;
        }

        String title() {
            return name + " → " + target.description();
        }

        @Override
        public Map<Area, Access> allowed() {
            return allowed == null ? Map.of() : allowed;
        }

        /** Refused people without a grant ending under them are shown their own pages instead. */
        boolean hasOwnRecordToShow() {
            return preparation == null;
        }

        void prepare() throws Exception {
            if (preparation != null) {
                preparation.run();
            }
        }
    }

    /** What the allowed answers to one person showed, together. */
    static final class Shown {
        boolean name;
        final Set<Area> areas = EnumSet.noneOf(Area.class);
        final Set<String> markers = new TreeSet<>();

        void record(String body, Target target) {
            var patient = target.record().patient();
            name |= body.contains(patient.givenNames() + " " + patient.familyName());
            Matcher ids = UUIDS.matcher(body);
            while (ids.find()) {
                Area area = target.resources().get(UUID.fromString(ids.group()));
                if (area != null) {
                    areas.add(area);
                }
            }
            target.texts().forEach((area, texts) -> {
                if (texts.stream().anyMatch(body::contains)) {
                    areas.add(area);
                }
            });
            target.markers().stream().filter(body::contains).forEach(markers::add);
        }
    }

    /** An answer as a person reads it: status, and the text (a PDF's extracted) with any redirect's address. */
    record Answer(int status, String body, boolean file) {}

    private static Map<String, Kind> classification(Map<Kind, List<String>> byKind) {
        Map<String, Kind> classified = new LinkedHashMap<>();
        byKind.forEach((kind, keys) -> keys.forEach(key -> {
            if (classified.put(key, kind) != null) {
                throw new IllegalStateException("Listed twice: " + key);
            }
        }));
        return Map.copyOf(classified);
    }
}
