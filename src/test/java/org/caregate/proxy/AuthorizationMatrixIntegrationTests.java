package org.caregate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.AppTokens;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.internal.Grants;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix: every endpoint that shows or changes a patient's data, opened by every
 * kind of person who might ask, each answer checked — allowed, or refused without revealing
 * anything of the patient's.
 *
 * <p>Endpoints join by themselves: every handler with a {@code @ForPatient Viewing} parameter is
 * found from the application's request mappings and tried with the areas and access its annotation
 * names. Every other handler must be listed in {@link #NOT_PATIENT_DATA} with the reason it shows no
 * patient's data; a new handler that is neither fails {@link #everyEndpointIsInTheMatrixOrListedWithAReason}.
 * The FHIR API is served by HAPI's servlet, not by these mappings: its reads are listed in
 * {@link #FHIR_READS} and tried with an app token of each person who may, could or no longer can
 * approve an app for the patient.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIntegrationTests {

    /**
     * Handlers without {@code @ForPatient}, by "METHOD pattern", with why they show nothing of a
     * patient's record to someone who is not entitled to it.
     */
    private static final Map<String, String> NOT_PATIENT_DATA = notPatientData();

    /**
     * The FHIR API's reads, which HAPI's servlet serves outside these mappings: each tried with a token
     * from every person who could approve an app for the patient, and from people who could not or no
     * longer can. {@code {patient}} is the patient's id; {@code {type}/{id}} is each sample resource.
     */
    private static final List<String> FHIR_READS = List.of(
            "GET /fhir/Patient/{patient}",
            "GET /fhir/Patient?_id={patient}",
            "GET /fhir/{type}/{id}",
            "GET /fhir/Observation?patient={patient}&category=laboratory&_count=100",
            "GET /fhir/Observation?patient={patient}&category=vital-signs&_count=100",
            "GET /fhir/Observation?_count=100",
            "GET /fhir/DiagnosticReport?patient={patient}&_count=100",
            "GET /fhir/Condition?patient={patient}&_count=100",
            "GET /fhir/AllergyIntolerance?patient={patient}",
            "GET /fhir/MedicationRequest?patient={patient}&_count=100",
            "GET /fhir/Immunization?patient={patient}&_count=100",
            "GET /fhir/Encounter?patient={patient}&_count=100",
            "GET /fhir/Procedure?patient={patient}",
            "GET /fhir/DocumentReference?patient={patient}&_count=100",
            "GET /fhir/Appointment?patient={patient}");

    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @LocalServerPort
    int port;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    Grants grants;

    @Autowired
    CareGrants careGrants;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    Clients clients;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /**
     * A patient whose record the subjects ask for, with one item marked confidential and an app the
     * patient connected (its id is among the samples, for the Connected apps pages).
     *
     * @param ownerBrowser the patient, signed in, to connect more apps
     */
    private record Record(TestRecords.PatientWithRecord owner, List<UUID> ids, List<UUID> samples, UUID confidential,
            Set<String> secrets, FormSession ownerBrowser) {

        String organizationId() {
            return owner.organizationId();
        }
    }

    /**
     * One kind of person asking.
     *
     * @param allowed what the answer must allow, by area: empty for nothing
     * @param seesConfidential whether the record's confidential item may appear
     * @param ownPortal for a patient with a record of their own, the organisation whose pages show it
     */
    private record Subject(String name, Record record, FormSession browser, Map<Area, Access> allowed,
            boolean seesConfidential, @Nullable String ownPortal) {

        /** Someone with no grant at all: not even the patient's name may appear. */
        boolean stranger() {
            return allowed.isEmpty();
        }

        boolean allows(List<Area> areas, Access access) {
            if (allowed.isEmpty()) {
                return false;
            }
            return areas.isEmpty() || areas.stream().anyMatch(a -> allowed.containsKey(a) && allowed.get(a).covers(access));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A handler that serves a patient's data, as its annotation declares it. */
    private record Endpoint(RequestMethod method, String pattern, List<Area> areas, Access access) {

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private final List<Subject> subjects = new ArrayList<>();

    /**
     * An app approved through the authorisation server by someone, and what its token must read of
     * the record now.
     *
     * @param allowed whether it may read the record at all
     * @param anotherRecord the token is for someone else's record: a search naming no patient reads that one
     */
    private record AppSubject(String name, Record record, String token, boolean allowed, boolean seesConfidential,
            boolean anotherRecord) {

        @Override
        public String toString() {
            return name;
        }
    }

    private final List<AppSubject> apps = new ArrayList<>();

    @BeforeAll
    void subjects() throws Exception {
        var records = new TestRecords(registry, organizations, imports, accounts);
        LocalDate today = LocalDate.now(clock);
        Instant longAgo = clock.instant().minus(java.time.Duration.ofDays(5 * 365));

        Record adult = record(records.patientWithRecord());
        subjects.add(new Subject("the patient themselves", adult, signIn(adult.owner().account(), adult), everything(), true,
                null));
        subjects.add(proxy("a full proxy", adult, true, Map.of(), null, Basis.INVITED, clock.instant(), false));
        for (Area area : Area.values()) {
            subjects.add(proxy("a proxy limited to reading " + area, adult, false, Map.of(area, Access.READ), null,
                    Basis.INVITED, clock.instant(), false));
        }
        subjects.add(proxy("a proxy who may act on appointments and read results", adult, false,
                Map.of(Area.APPOINTMENTS, Access.ACT, Area.RESULTS, Access.READ), null, Basis.INVITED, clock.instant(), false));
        subjects.add(proxy("an expired proxy (ended yesterday)", adult, true, Map.of(), today.minusDays(1), Basis.INVITED,
                clock.instant(), true));
        subjects.add(proxy("a proxy whose access ends today", adult, true, Map.of(), today, Basis.INVITED, clock.instant(),
                false));

        // Revoked while their session is open: they chose the patient, then the patient took it back.
        Subject revoked = proxy("a revoked proxy with an open session", adult, true, Map.of(), null, Basis.INVITED,
                clock.instant(), false);
        assertThat(revoked.browser().get("/" + adult.organizationId() + "/results").statusCode()).isEqualTo(200);
        UUID grant = careGrants.ofPatient(adult.owner().patient().id(), adult.organizationId()).stream()
                .filter(g -> g.proxyName().equals(revoked.name())).findFirst().orElseThrow().id();
        assertThat(careGrants.revoke(grant, adult.owner().account().id())).isTrue();
        subjects.add(new Subject(revoked.name(), adult, revoked.browser(), Map.of(), false, null));

        // Parents, with grants staff recorded five years ago, at each birthday that changes what they see.
        Record eleven = record(records.patientBornOn(today.minusYears(12).plusDays(1)));
        subjects.add(proxy("a parent of a child a day before their 12th birthday", eleven, true, Map.of(), null,
                Basis.PARENT_OF_MINOR, longAgo, false));
        Record twelve = record(records.patientBornOn(today.minusYears(12)));
        subjects.add(proxy("a parent of a child on their 12th birthday", twelve, true, Map.of(), null,
                Basis.PARENT_OF_MINOR, longAgo, false));
        Record seventeen = record(records.patientBornOn(today.minusYears(18).plusDays(1)));
        subjects.add(proxy("a parent of a teen a day before their 18th birthday", seventeen, true, Map.of(), null,
                Basis.PARENT_OF_MINOR, longAgo, false));
        Record eighteen = record(records.patientBornOn(today.minusYears(18)));
        subjects.add(proxy("a parent of a patient on their 18th birthday", eighteen, true, Map.of(), null,
                Basis.PARENT_OF_MINOR, longAgo, true));
        subjects.add(proxy("someone the 18-year-old granted access themselves", eighteen, true, Map.of(), null,
                Basis.INVITED, clock.instant(), false));

        // Another patient, signed in with their own record, who has no grant.
        var stranger = records.patientWithRecord();
        FormSession strangerBrowser = new FormSession(port);
        strangerBrowser.signIn(stranger.organizationId(), stranger.account().username(), TestPatients.PASSWORD);
        var chose = strangerBrowser.submit("/" + stranger.organizationId() + "/viewing", "patient",
                adult.owner().patient().id().value().toString());
        assertThat(chose.statusCode()).as("an unrelated patient switching to the patient").isEqualTo(403);
        assertNothingOf(chose.body(), adult, true, "POST /viewing by an unrelated patient");
        subjects.add(new Subject("an unrelated patient", adult, strangerBrowser, Map.of(), false, stranger.organizationId()));
        appSubjects(adult, stranger);
    }

    /**
     * Apps approved by everyone above who may approve one for the patient (the patient and caregivers
     * with full access; a limited grant cannot share a record with an app), by the unrelated patient
     * for their own record, and by two full caregivers whose grant was then revoked or limited.
     */
    private void appSubjects(Record adult, TestRecords.PatientWithRecord stranger) throws Exception {
        var tokens = new AppTokens(port, clients);
        var app = tokens.registerPublic("Matrix app " + TestPatients.tag());
        String scope = "launch/patient patient/*.rs";
        String patient = adult.owner().patient().id().value().toString();
        for (Subject subject : subjects) {
            if (subject.ownPortal() != null) {
                String own = tokens.launch(subject.browser(), app, scope, null).path("access_token").asString();
                assertThat(own).isNotEmpty();
                apps.add(new AppSubject(subject.name() + " (an app for their own record)", subject.record(), own, false, false,
                        true));
            } else if (subject.allowed().equals(everything())) {
                String token = tokens.launch(subject.browser(), app, scope, subject.name().equals("the patient themselves")
                        ? null : subject.record().owner().patient().id().value().toString()).path("access_token").asString();
                apps.add(new AppSubject(subject.name(), subject.record(), token, true, subject.seesConfidential(), false));
            }
        }
        assertThat(apps).hasSizeGreaterThanOrEqualTo(6);
        for (String change : List.of("revoked", "limited to results")) {
            String name = "a full proxy whose grant was " + change + " after approving an app";
            Subject proxy = proxy(name, adult, true, Map.of(), null, Basis.INVITED, clock.instant(), false);
            String token = tokens.launch(proxy.browser(), app, scope, patient).path("access_token").asString();
            UUID grant = careGrants.ofPatient(adult.owner().patient().id(), adult.organizationId()).stream()
                    .filter(g -> g.proxyName().equals(name)).findFirst().orElseThrow().id();
            if (change.equals("revoked")) {
                assertThat(careGrants.revoke(grant, adult.owner().account().id())).isTrue();
            } else {
                careGrants.change(grant, adult.owner().account().id(),
                        new CareGrants.Terms(false, Map.of(Area.RESULTS, Access.READ), null));
            }
            apps.add(new AppSubject(name, adult, token, false, false, false));
        }
    }

    @Test
    void everyEndpointIsInTheMatrixOrListedWithAReason() {
        Set<String> unclassified = new TreeSet<>();
        Set<String> listedButGone = new TreeSet<>(NOT_PATIENT_DATA.keySet());
        mappings.getHandlerMethods().forEach((info, method) -> {
            for (String key : keys(info)) {
                listedButGone.remove(key);
                boolean forPatient = forPatient(method) != null;
                if (forPatient) {
                    assertThat(info.getPatternValues()).as("%s: @ForPatient needs an {organizationId} in its address", key)
                            .allMatch(p -> p.startsWith("/{organizationId"));
                    assertThat(NOT_PATIENT_DATA).as("%s has @ForPatient and is also listed as not patient data", key)
                            .doesNotContainKey(key);
                } else if (!NOT_PATIENT_DATA.containsKey(key)) {
                    unclassified.add(key + "   (" + method.getBeanType().getSimpleName() + "." + method.getMethod().getName() + ")");
                }
            }
        });
        assertThat(String.join("\n", unclassified)).as("""
                Handlers neither in the authorisation matrix nor listed as showing no patient's data. \
                If one shows or changes a patient's data, give it a @ForPatient(Area...) Viewing parameter \
                (it then joins the matrix); otherwise list it in NOT_PATIENT_DATA with the reason""").isEmpty();
        assertThat(listedButGone).as("listed in NOT_PATIENT_DATA but no longer served").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyPatientEndpointAnswersEachKindOfPersonAsTheirAccessSays() {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("patient endpoints found").hasSizeGreaterThanOrEqualTo(10);
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            for (Subject subject : subjects) {
                tests.add(DynamicTest.dynamicTest(endpoint + " as " + subject, () -> check(endpoint, subject)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyFhirReadAnswersEachAppAsItsApprovalSaysNow() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String read : FHIR_READS) {
            for (AppSubject app : apps) {
                tests.add(DynamicTest.dynamicTest(read + " with an app of " + app, () -> checkFhir(read, app)));
            }
        }
        return tests.stream();
    }

    private void checkFhir(String read, AppSubject app) throws Exception {
        Record record = app.record();
        String path = read.substring("GET ".length()).replace("{patient}", record.owner().patient().id().value().toString());
        List<String> paths = new ArrayList<>();
        if (path.contains("{type}/{id}")) {
            for (UUID id : record.samples()) {
                // Samples that are not stored resources (the connected app, for its pages) are not FHIR's.
                typeOf(id).ifPresent(type -> paths.add(path.replace("{type}/{id}", type + "/" + id)));
            }
            assertThat(paths).as("sample resources").hasSizeGreaterThanOrEqualTo(5);
        } else {
            paths.add(path);
        }
        for (String each : paths) {
            var answer = fhir(each, app.token());
            String what = "GET " + each + " with an app of " + app;
            if (!app.allowed()) {
                boolean namesNoOne = !read.contains("{patient}") && !read.contains("{id}");
                assertThat(answer.statusCode()).as(what).isIn(app.anotherRecord() && namesNoOne ? List.of(200)
                        : List.of(403, 404));
                if (answer.statusCode() != 200) {
                    assertThat(answer.body()).as(what).contains("\"resourceType\":\"OperationOutcome\"");
                }
                assertNothingOf(answer.body(), record, true, what);
                continue;
            }
            assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(200);
            if (!app.seesConfidential()) {
                assertThat(answer.body()).as(what + " shows the confidential item")
                        .doesNotContain(record.confidential().toString());
            } else if (each.contains("category=laboratory")) {
                assertThat(answer.body()).as(what + " leaves out the confidential item").contains(record.confidential().toString());
            }
        }
        if (app.allowed() && read.contains("{type}/{id}")) {
            var confidential = fhir("/fhir/Observation/" + record.confidential(), app.token());
            assertThat(confidential.statusCode()).as("the confidential item with an app of %s", app)
                    .isEqualTo(app.seesConfidential() ? 200 : 404);
        }
    }

    private java.util.Optional<String> typeOf(UUID id) {
        return jdbc.sql("SELECT resource_type FROM record_resource WHERE id = ?").param(id).query(String.class).optional();
    }

    private HttpResponse<String> fhir(String path, String token) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + path)).header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private void check(Endpoint endpoint, Subject subject) throws Exception {
        Record record = subject.record();
        String portal = subject.ownPortal() == null ? record.organizationId() : subject.ownPortal();
        String page = endpoint.pattern().replaceFirst("\\{organizationId[^}]*}", portal);
        assertThat(page.replace("{id}", "")).as("an address this test cannot fill: %s", endpoint).doesNotContain("{");
        boolean allowed = subject.allows(endpoint.areas(), endpoint.access());
        if (endpoint.method() != RequestMethod.GET) {
            // An action: refused ones change nothing and say nothing; allowed ones get past the decision.
            UUID item = actionItem(endpoint, record);
            var answer = subject.browser().submit(page.replace("{id}", item.toString()));
            if (allowed) {
                assertThat(answer.statusCode()).as("%s as %s", endpoint, subject).isNotIn(403, 404);
            } else {
                assertThat(answer.statusCode()).as("%s as %s", endpoint, subject).isIn(403, 404);
                assertNothingOf(answer.body(), record, subject.stranger(), endpoint + " as " + subject);
                if (disconnectsAnApp(endpoint)) {
                    assertThat(connected(item, record)).as("%s as %s leaves the app connected", endpoint, subject).isTrue();
                }
            }
            return;
        }
        if (page.contains("{id}")) {
            boolean opened = false;
            for (UUID id : record.samples()) {
                var answer = subject.browser().bytes(page.replace("{id}", id.toString()));
                String text = readable(answer);
                if (!allowed) {
                    assertRefused(answer, endpoint, subject);
                    assertNothingOf(text, record, subject.stranger(), endpoint + " as " + subject);
                } else if (answer.statusCode() == 200) {
                    opened = true;
                    assertConfidentialAsAllowed(text, subject, endpoint);
                } else {
                    assertThat(answer.statusCode()).as("%s as %s with an item of another kind", endpoint, subject).isEqualTo(404);
                }
            }
            if (allowed) {
                assertThat(opened).as("%s as %s opens one of the patient's items", endpoint, subject).isTrue();
                int confidential = subject.browser().get(page.replace("{id}", record.confidential().toString())).statusCode();
                if (!subject.seesConfidential()) {
                    assertThat(confidential).as("%s as %s: the confidential item", endpoint, subject).isEqualTo(404);
                }
            }
            return;
        }
        var answer = subject.browser().bytes(page);
        String text = readable(answer);
        if (subject.ownPortal() != null) {
            // Their own portal's page shows their own record, and nothing of the patient's.
            assertThat(answer.statusCode()).as("%s as %s", endpoint, subject).isEqualTo(200);
            assertNothingOf(text, record, true, endpoint + " as " + subject);
        } else if (allowed) {
            assertThat(answer.statusCode()).as("%s as %s", endpoint, subject).isEqualTo(200);
            assertConfidentialAsAllowed(text, subject, endpoint);
        } else {
            assertRefused(answer, endpoint, subject);
            assertNothingOf(text, record, subject.stranger(), endpoint + " as " + subject);
        }
    }

    /**
     * The item an action is tried on. Disconnecting an app uses its item up, so each try gets an app
     * the patient has just connected; other actions use the record's first sample.
     */
    private UUID actionItem(Endpoint endpoint, Record record) throws Exception {
        return disconnectsAnApp(endpoint) ? connectApp(record) : record.samples().getFirst();
    }

    private static boolean disconnectsAnApp(Endpoint endpoint) {
        return endpoint.pattern().endsWith("/apps/{id}/disconnect");
    }

    /** The patient connects a new app to their record, through the authorisation server as an app would. */
    private UUID connectApp(Record record) throws Exception {
        AppTokens apps = new AppTokens(port, clients);
        AppTokens.Client client = apps.registerPublic("Matrix app " + TestPatients.tag());
        apps.launch(record.ownerBrowser(), client, "launch/patient patient/*.rs", null);
        return clients.find(client.clientId()).orElseThrow().id();
    }

    private boolean connected(UUID app, Record record) {
        return jdbc.sql("SELECT count(*) FROM app_authorization WHERE app_id = ? AND patient_id = ?")
                .params(app, record.owner().patient().id().value()).query(Integer.class).single() > 0;
    }

    /** Refused: 403, 404, or sent away to a page of their own (a caregiver left with nobody to help: their sharing page). */
    private static void assertRefused(HttpResponse<byte[]> answer, Endpoint endpoint, Subject subject) {
        assertThat(answer.statusCode()).as("%s as %s", endpoint, subject).isIn(302, 403, 404);
        if (answer.statusCode() == 302) {
            assertThat(answer.headers().firstValue("Location").orElse("")).as("%s as %s goes to", endpoint, subject)
                    .endsWith("/" + subject.record().organizationId() + "/sharing");
        }
    }

    /** The confidential item appears only for those who may see it (the patient, a young child's parent). */
    private static void assertConfidentialAsAllowed(String text, Subject subject, Endpoint endpoint) {
        if (!subject.seesConfidential()) {
            assertThat(text).as("%s as %s shows the confidential item", endpoint, subject)
                    .doesNotContain(subject.record().confidential().toString());
        }
    }

    private Subject proxy(String name, Record record, boolean full, Map<Area, Access> permissions,
            LocalDate endsOn, Basis basis, Instant grantedAt, boolean refusedAtOnce) throws Exception {
        Account caregiver = accounts.openCaregiverAccount(record.organizationId(), "cg-" + TestPatients.tag(),
                "cg-" + TestPatients.tag() + "@example.org", TestPatients.PASSWORD);
        var grant = new Grant(UUID.randomUUID(), record.owner().patient().id(), record.organizationId(), caregiver.id(),
                basis, basis == Basis.INVITED ? "other" : basis.name().toLowerCase(), name, full,
                permissions, endsOn, null, null, record.owner().account().id(), grantedAt, grantedAt, null);
        grants.insert(grant, null);
        FormSession browser = signIn(caregiver, record);
        var chose = browser.submit("/" + record.organizationId() + "/viewing", "patient",
                record.owner().patient().id().value().toString());
        if (refusedAtOnce) {
            assertThat(chose.statusCode()).as("%s switching to the patient", name).isIn(403, 404);
            assertNothingOf(chose.body(), record, true, name + " switching to the patient");
        } else {
            assertThat(chose.statusCode()).as("%s switching to the patient", name).isEqualTo(302);
        }
        Map<Area, Access> allowed = refusedAtOnce ? Map.of() : full ? everything() : permissions;
        boolean seesConfidential = (basis == Basis.PARENT_OF_MINOR || basis == Basis.LEGAL_GUARDIAN)
                && Period.between(registry.find(record.owner().patient().id()).orElseThrow().dateOfBirth(),
                        LocalDate.now(clock)).getYears() < 12;
        return new Subject(name, record, browser, allowed, seesConfidential, null);
    }

    private FormSession signIn(Account account, Record record) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn(record.organizationId(), account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).startsWith("/" + record.organizationId() + "/");
        return browser;
    }

    /**
     * The patient's record with its newest blood test marked confidential, as an import with
     * meta.security R stores it, and an app the patient connected.
     */
    private Record record(TestRecords.PatientWithRecord owner) throws Exception {
        UUID patient = owner.patient().id().value();
        UUID confidential = jdbc.sql("""
                SELECT id FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = 'laboratory'
                ORDER BY effective_at DESC NULLS LAST, id LIMIT 1
                """).param(patient).query(UUID.class).single();
        jdbc.sql("UPDATE record_resource SET confidential = true WHERE id = ?").param(confidential).update();
        List<UUID> ids = jdbc.sql("SELECT id FROM record_resource WHERE patient_id = ?").param(patient).query(UUID.class).list();
        List<UUID> samples = jdbc.sql("""
                SELECT DISTINCT ON (resource_type, category) id FROM record_resource WHERE patient_id = ? AND NOT confidential
                ORDER BY resource_type, category, effective_at DESC NULLS LAST
                """).param(patient).query(UUID.class).list();
        Set<String> secrets = Set.of(owner.patient().familyName(), owner.patient().recordNumbers().getFirst().value());
        FormSession ownerBrowser = new FormSession(port);
        var signedIn = ownerBrowser.signIn(owner.organizationId(), owner.account().username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(signedIn)).startsWith("/" + owner.organizationId() + "/");
        Record record = new Record(owner, ids, samples, confidential, secrets, ownerBrowser);
        List<UUID> withApp = new ArrayList<>(samples);
        withApp.add(connectApp(record));
        return new Record(owner, ids, List.copyOf(withApp), confidential, secrets, ownerBrowser);
    }

    private static Map<Area, Access> everything() {
        Map<Area, Access> all = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            all.put(area, Access.ACT);
        }
        return all;
    }

    private List<Endpoint> endpoints() {
        Map<String, Endpoint> found = new TreeMap<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            ForPatient page = forPatient(method);
            if (page == null) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (RequestMethod verb : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                for (String pattern : info.getPatternValues()) {
                    found.put(verb + " " + pattern, new Endpoint(verb, pattern, List.of(page.value()), page.access()));
                }
            }
        });
        return List.copyOf(found.values());
    }

    private static ForPatient forPatient(HandlerMethod method) {
        for (MethodParameter parameter : method.getMethodParameters()) {
            ForPatient page = parameter.getParameterAnnotation(ForPatient.class);
            if (page != null) {
                return page;
            }
        }
        return null;
    }

    private static List<String> keys(RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        List<String> keys = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            if (methods.isEmpty()) {
                keys.add("ANY " + pattern);
            }
            for (RequestMethod method : methods) {
                keys.add(method + " " + pattern);
            }
        }
        return keys;
    }

    /** The text a person would read: a PDF's extracted text, anything else as sent. */
    private static String readable(HttpResponse<byte[]> answer) throws IOException {
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf")) {
            try (PDDocument pdf = Loader.loadPDF(answer.body())) {
                return new PDFTextStripper().getText(pdf);
            }
        }
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    /**
     * Nothing of the record: none of its resource ids; and for someone with no grant at all, not the
     * patient's name or record number either (a caregiver refused one area may see whose record it is).
     */
    private static void assertNothingOf(String body, Record record, boolean evenTheName, String what) {
        if (evenTheName) {
            for (String secret : record.secrets()) {
                assertThat(body).as("%s shows the patient's %s", what, secret).doesNotContain(secret);
            }
        }
        Matcher shown = UUIDS.matcher(body);
        while (shown.find()) {
            assertThat(record.ids()).as("%s shows one of the patient's resource ids", what)
                    .doesNotContain(UUID.fromString(shown.group()));
        }
    }

    private static Map<String, String> notPatientData() {
        Map<String, String> listed = new LinkedHashMap<>();
        list(listed, "error pages: say what went wrong, nothing of a record",
                "ANY /error");
        list(listed, "public: the portal chooser, help, icons, styles, the password-strength hint",
                "GET /",
                "GET /help/cookies",
                "GET /help/sign-in",
                "GET /manifest.webmanifest",
                "GET /org/{organizationId}/theme.css",
                "GET /{organizationId}/manifest.webmanifest",
                "POST /password-strength");
        list(listed, "demo profile only: the development outbox of messages the demo sent",
                "GET /dev/outbox",
                "POST /dev/outbox/calls/{ref}");
        list(listed, "staff only, each console checking its role; staff reach records by their role, never as a caregiver",
                "GET /staff",
                "GET /staff/activation",
                "GET /staff/apps",
                "GET /staff/apps/new",
                "GET /staff/apps/{id}/disable",
                "GET /staff/caregivers",
                "GET /staff/caregivers/{id}/change",
                "GET /staff/record/import",
                "GET /staff/record/import/upload",
                "GET /staff/sign-in",
                "GET /staff/sign-in/step/passkey",
                "GET /staff/sign-in/step/passkey/set-up",
                "POST /staff/activation",
                "POST /staff/activation/issue",
                "POST /staff/apps",
                "POST /staff/apps/{id}/disable",
                "POST /staff/caregivers/done",
                "POST /staff/caregivers/find",
                "POST /staff/caregivers/record",
                "POST /staff/caregivers/{id}/change",
                "POST /staff/caregivers/{id}/revoke",
                "POST /staff/record/import/upload",
                "POST /staff/sign-in",
                "POST /staff/sign-in/step/passkey",
                "POST /staff/sign-in/step/passkey/options",
                "POST /staff/sign-in/step/passkey/set-up",
                "POST /staff/sign-in/step/passkey/set-up/options");
        list(listed, "an app's consent page: the app and the records its viewer may approve it for (CareAccess.forApp, "
                        + "full access only); no record's content (SmartLaunchIntegrationTests)",
                "GET /apps/consent",
                "GET /{organizationId:[a-z][a-z0-9-]+}/apps/consent");
        list(listed, "the EHR's import client only: a backend app's bearer token with a system write scope, never a "
                        + "patient's or staff session (StaffImportIntegrationTests)",
                "POST /staff/record/import");
        list(listed, "the signed-in person's own account and settings, whoever's record they are viewing",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/email",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/email/confirm",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/password",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/phone",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/phone/confirm",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/preferences",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/app",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/status",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call/status",
                "GET /{organizationId:[a-z][a-z0-9-]+}/account/sign-ins",
                "GET /{organizationId:[a-z][a-z0-9-]+}/invitation/account",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-up/account",
                "POST /session/keep-alive",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/email",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/email/confirm",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/password",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/phone",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/phone/confirm",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/preferences",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/app",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/browsers/forget-all",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/browsers/{id}/forget",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/again",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/start",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/text",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/new-recovery-codes",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys/options",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys/{id}/remove",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call/again",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/confirm",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/second-factor/remove-app",
                "POST /{organizationId:[a-z][a-z0-9-]+}/account/sign-out-everywhere",
                "POST /{organizationId:[a-z][a-z0-9-]+}/invitation/account",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-up/account");
        list(listed, "signing in, signing up and recovery: before any record is shown",
                "GET /{organizationId:[a-z][a-z0-9-]+}/forgot-password",
                "GET /{organizationId:[a-z][a-z0-9-]+}/forgot-password/code",
                "GET /{organizationId:[a-z][a-z0-9-]+}/forgot-password/done",
                "GET /{organizationId:[a-z][a-z0-9-]+}/forgot-password/new-password",
                "GET /{organizationId:[a-z][a-z0-9-]+}/forgot-username",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/app",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call/status",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/other",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/app",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call/status",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/confirm",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-up",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-up/code",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sign-up/done",
                "POST /{organizationId:[a-z][a-z0-9-]+}/forgot-password",
                "POST /{organizationId:[a-z][a-z0-9-]+}/forgot-password/code",
                "POST /{organizationId:[a-z][a-z0-9-]+}/forgot-password/new-password",
                "POST /{organizationId:[a-z][a-z0-9-]+}/forgot-username",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/passkey",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/passkey/options",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/app",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call/again",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code/resend",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey/options",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery-codes/done",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/app",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call/again",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/confirm",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/not-now",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/resend",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-up",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sign-up/code");
        list(listed, "an invitation: shows who invited (given name and initial) only to the holder of its code",
                "GET /{organizationId:[a-z][a-z0-9-]+}/invitation",
                "POST /{organizationId:[a-z][a-z0-9-]+}/invitation",
                "POST /{organizationId:[a-z][a-z0-9-]+}/invitation/accept",
                "POST /{organizationId:[a-z][a-z0-9-]+}/invitation/forget");
        list(listed, "the signed-in person's own grants, given and held (SharingIntegrationTests): never the record they view",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sharing",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sharing/helping/{id}/stop",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sharing/invite",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sharing/{id}/change",
                "GET /{organizationId:[a-z][a-z0-9-]+}/sharing/{id}/remove",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sharing/helping/{id}/stop",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sharing/invite",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sharing/{id}/change",
                "POST /{organizationId:[a-z][a-z0-9-]+}/sharing/{id}/remove");
        list(listed, "the switcher: CareAccess.choose refuses a patient one may not view (tried for every subject here)",
                "POST /{organizationId:[a-z][a-z0-9-]+}/viewing");
        return listed;
    }

    private static void list(Map<String, String> listed, String reason, String... handlers) {
        for (String handler : handlers) {
            listed.put(handler, reason);
        }
    }
}
