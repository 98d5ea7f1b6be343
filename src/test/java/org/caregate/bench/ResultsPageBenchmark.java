package org.caregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.organization.Organizations;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A patient's results pages with thousands of observations of their own among many stored: signs in
 * as the demo account {@code demo.notenrolled}, gives its patient a record of at least
 * {@value #OBSERVATIONS} observations (a generated record with many blood draws a year, imported
 * through {@link RecordImport} unless already there), then times {@code GET /{org}/results} (the
 * list, newest first) and {@code GET /{org}/results/{observation id}} (one result with its trend):
 * one client in turn for latencies, then several at once for requests per second.
 *
 * <p>Runs on the database the script names ({@code caregate.database.embedded.data-directory}, for
 * example the one {@code bench/generate-patients} filled with ten million observations), or on a
 * throw-away one with the 50 demo patients. The {@code test} profile requires no second factor at
 * any organisation, so the demo account signs in with its password alone. While the results pages
 * do not exist (an answer 404), it times the home page instead and says so. Not a test: run by
 * {@code bench/results-page}, which sets {@code caregate.bench=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "caregate.demo.enabled=true", "caregate.demo.generate=0"})
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "caregate.bench", matches = "true")
class ResultsPageBenchmark {

    private static final int OBSERVATIONS = 5_000;
    private static final int REQUESTS = Integer.getInteger("caregate.bench.requests", 500);
    private static final int WARM_UP = Math.max(20, REQUESTS / 10);
    private static final String USERNAME = "demo.notenrolled";
    /** docs/ACCOUNTS.md, "Demo sign-ins": every demo account's password. */
    private static final String PASSWORD = "quiet-harbor-lantern-52";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Value("${caregate.demo.seed}")
    long seed;

    @Test
    void resultsPagesOfAPatientWithThousandsOfObservations() throws Exception {
        var account = jdbc.sql("SELECT patient_id, home_organization_id FROM account WHERE username = ?").param(USERNAME)
                .query((rs, row) -> new Object[] {new PatientId(rs.getObject(1, UUID.class)), rs.getString(2)})
                .optional().orElseThrow(() -> new IllegalStateException("No demo account " + USERNAME + " here"));
        PatientId patientId = (PatientId) account[0];
        String organization = (String) account[1];
        String setUp = giveManyObservations(patientId, organization);
        long own = observations(patientId);
        String stored = storedObservations();
        String databaseSize = jdbc.sql("SELECT pg_size_pretty(pg_database_size(current_database()))")
                .query(String.class).single();
        // The result with the longest trend: the patient's most frequent laboratory code, its newest value.
        UUID observation = jdbc.sql("""
                SELECT id FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND code = (
                    SELECT code FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation'
                        AND category = 'laboratory' GROUP BY code ORDER BY count(*) DESC, code LIMIT 1)
                ORDER BY effective_at DESC LIMIT 1
                """).params(patientId.value(), patientId.value()).query(UUID.class).single();
        long trend = jdbc.sql("""
                SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation'
                    AND code = (SELECT code FROM record_resource WHERE id = ?)
                """).params(patientId.value(), observation).query(Long.class).single();

        int clients = 2 * Runtime.getRuntime().availableProcessors();
        List<FormSession> browsers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            browsers.add(signedIn(organization));
        }
        String list = "/" + organization + "/results";
        String one = list + "/" + observation;
        List<String> notes = new ArrayList<>();
        if (browsers.getFirst().get(list).statusCode() == 404) {
            notes.add("The results pages answer 404 in this build: timed " + "/" + organization + "/home instead.");
            list = "/" + organization + "/home";
            one = null;
        }

        StringBuilder report = new StringBuilder("""
                Results pages, %d cores; %s
                patient %s at %s: %d observations of their own (%d of the timed result's code), among %s stored; database %s
                """.formatted(Runtime.getRuntime().availableProcessors(), setUp, USERNAME, organization, own, trend, stored,
                databaseSize));
        notes.forEach(note -> report.append(note).append('\n'));
        for (String path : one == null ? List.of(list) : List.of(list, one)) {
            time(List.of(browsers.getFirst()), path, WARM_UP);
            Latencies alone = time(List.of(browsers.getFirst()), path, REQUESTS);
            Latencies together = time(browsers, path, REQUESTS);
            report.append("GET %s\n".formatted(path.replace(observation.toString(), "{id}")))
                    .append("  1 client:   %s\n".formatted(alone))
                    .append("  %d clients: %s\n".formatted(clients, together));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "results-page.txt"), report);
        assertThat(own).isGreaterThanOrEqualTo(OBSERVATIONS);
    }

    /** Imports a record with many blood draws for the patient unless they have enough observations; says what it did. */
    private String giveManyObservations(PatientId patientId, String organization) {
        if (observations(patientId) >= OBSERVATIONS) {
            return "the patient's record was already there";
        }
        Patient patient = registry.find(patientId).orElseThrow();
        MedicalRecordNumber number = patient.recordNumberAt(organization).orElseThrow();
        // Demo record numbers are a prefix and 10,000,000 plus the patient's index.
        long index = Long.parseLong(number.value().replaceAll("\\D", "")) - 10_000_000L;
        NewPatient generated = new DemoPatientGenerator(seed, organizations.all()).patient(index);
        // 150 draws a year give a patient whose problems are followed with blood tests over 5,000
        // observations; others have a third as many draws. Just enough, so the figure means what it says.
        int draws = 150;
        Bundle bundle = new DemoRecordGenerator(seed, draws).record(generated, index, organization);
        while (bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation).count() < OBSERVATIONS) {
            draws += 25;
            if (draws > 3_000) {
                throw new IllegalStateException("The patient's record is too short for " + OBSERVATIONS + " observations");
            }
            bundle = new DemoRecordGenerator(seed, draws).record(generated, index, organization);
        }
        long start = System.nanoTime();
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
        ImportResult result = imports.importBundle(organization, json);
        assertThat(result).as("%s", result).isInstanceOf(ImportResult.Imported.class);
        return "imported the patient's record with %d blood draws a year (%d resources) through RecordImport in %.1f s"
                .formatted(draws, ((ImportResult.Imported) result).entries().size(), (System.nanoTime() - start) / 1e9);
    }

    /** Counted on a small database; on a large one, the planner's estimate (counting would read the whole table). */
    private String storedObservations() {
        jdbc.sql("ANALYZE record_resource").update();
        double rows = jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'record_resource'").query(Double.class).single();
        if (rows < 1_000_000) {
            return "%,d".formatted(jdbc.sql("SELECT count(*) FROM record_resource WHERE resource_type = 'Observation'")
                    .query(Long.class).single());
        }
        double share = jdbc.sql("""
                SELECT most_common_freqs[array_position(most_common_vals::text::text[], 'Observation')]
                FROM pg_stats WHERE tablename = 'record_resource' AND attname = 'resource_type'
                """).query(Double.class).single();
        return "about %,d".formatted(Math.round(rows * share));
    }

    private long observations(PatientId patientId) {
        return jdbc.sql("SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation'")
                .param(patientId.value()).query(Long.class).single();
    }

    private FormSession signedIn(String organization) throws Exception {
        var browser = new FormSession(port);
        HttpResponse<String> answer = browser.signIn(organization, USERNAME, PASSWORD);
        String home = FormSession.location(answer).replaceFirst("\\?signed-in$", "");
        if (answer.statusCode() != 302 || !home.equals("/" + organization + "/home")) {
            throw new IllegalStateException("Signing in as " + USERNAME + " answered " + answer.statusCode() + " to "
                    + FormSession.location(answer) + " (a second factor set up for the account?)");
        }
        return browser;
    }

    /** {@code requests} GETs shared among the browsers, each browser on a thread of its own. */
    private static Latencies time(List<FormSession> browsers, String path, int requests) throws Exception {
        return Latencies.time(browsers, requests, "GET " + path, browser -> browser.get(path).statusCode());
    }
}
