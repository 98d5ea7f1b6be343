package org.caregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.apps.AppTokens;
import org.caregate.apps.internal.Clients;
import org.caregate.patient.PatientId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Benchmark, not a test: an outside app's Observation search by patient and category through the
 * FHIR API, with a real access token (the demo account {@code demo.notenrolled} approves a
 * benchmark app through the authorisation server first). Times
 * {@code GET /fhir/Observation?patient=…&category=laboratory} (the first page, {@code _count=20}),
 * the same with {@code category=vital-signs}, and the second page through the first page's next
 * link, for one client and for two per core. Each call checks the token, decides the caregiver
 * rules and records the read, as in production.
 *
 * <p>Runs on the database {@code bench/fhir-search --data-dir DIR} names (the one
 * {@code bench/generate-patients} filled with ten million observations, where
 * {@code bench/results-page} gave this patient 5,000 observations), or on a throw-away one with the
 * demo patients. Enabled only by {@code caregate.bench=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "caregate.apps.access-token-lifetime=PT2H")
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "caregate.bench", matches = "true")
class FhirSearchBenchmark {

    private static final int REQUESTS = Integer.getInteger("caregate.bench.requests", 500);
    private static final int WARM_UP = Math.max(20, REQUESTS / 10);
    private static final String USERNAME = "demo.notenrolled";
    // The demo accounts' published password (docs/DEMO.md).
    private static final String PASSWORD = "quiet-harbor-lantern-52";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clients clients;

    @Test
    void observationSearchByPatientAndCategoryWithAToken() throws Exception {
        var account = jdbc.sql("SELECT patient_id, home_organization_id FROM account WHERE username = ?").param(USERNAME)
                .query((rs, row) -> new Object[] {new PatientId(rs.getObject(1, UUID.class)), rs.getString(2)})
                .optional().orElseThrow(() -> new IllegalStateException("No demo account " + USERNAME + " here"));
        PatientId patient = (PatientId) account[0];
        String organization = (String) account[1];
        var apps = new AppTokens(port, clients);
        var app = apps.registerPublic("Benchmark app " + UUID.randomUUID());
        var browser = new FormSession(port);
        var signedIn = browser.signIn(organization, USERNAME, PASSWORD);
        if (signedIn.statusCode() != 302 || !FormSession.location(signedIn).startsWith("/" + organization + "/home")) {
            throw new IllegalStateException("Signing in as " + USERNAME + " answered " + signedIn.statusCode());
        }
        String token = apps.launch(browser, app, "launch/patient patient/Observation.rs", null)
                .path("access_token").asString();

        jdbc.sql("ANALYZE record_resource").update();
        double rows = jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'record_resource'").query(Double.class).single();
        long labs = count(patient, "laboratory");
        long vitals = count(patient, "vital-signs");
        String size = jdbc.sql("SELECT pg_size_pretty(pg_database_size(current_database()))").query(String.class).single();

        String laboratory = "/fhir/Observation?patient=" + patient.value() + "&category=laboratory&_count=20";
        String vitalSigns = "/fhir/Observation?patient=" + patient.value() + "&category=vital-signs&_count=20";
        var first = get(token, laboratory);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String next = apps.json(first.body()).path("link").valueStream()
                .filter(l -> "next".equals(l.path("relation").asString())).map(l -> l.path("url").asString())
                .findFirst().map(url -> URI.create(url).getRawPath() + "?" + URI.create(url).getRawQuery()).orElse(null);

        int cores = Runtime.getRuntime().availableProcessors();
        int clientsCount = 2 * cores;
        List<HttpClient> one = List.of(HttpClient.newHttpClient());
        List<HttpClient> many = new ArrayList<>();
        for (int i = 0; i < clientsCount; i++) {
            many.add(HttpClient.newHttpClient());
        }
        StringBuilder report = new StringBuilder("""
                FHIR Observation search with a token, %d cores
                patient %s at %s: %d laboratory and %d vital-signs observations; about %,.0f stored resources; database %s
                """.formatted(cores, USERNAME, organization, labs, vitals, rows, size));
        List<String> paths = new ArrayList<>(List.of(laboratory, vitalSigns));
        if (next != null) {
            paths.add(next);
        }
        for (String path : paths) {
            Latencies.time(one, WARM_UP, path, client -> send(client, token, path));
            Latencies alone = Latencies.time(one, REQUESTS, path, client -> send(client, token, path));
            Latencies together = Latencies.time(many, REQUESTS, path, client -> send(client, token, path));
            report.append("GET %s\n".formatted(path.replace(patient.value().toString(), "{patient}")
                    .replaceAll("(_getpages|_offset|_page)[^&]*", "$1=…")))
                    .append("  1 client:   %s\n".formatted(alone))
                    .append("  %d clients: %s\n".formatted(clientsCount, together));
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "fhir-search.txt"), report);
        assertThat(labs).isPositive();
    }

    private long count(PatientId patient, String category) {
        return jdbc.sql("""
                SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = ?
                """).params(patient.value(), category).query(Long.class).single();
    }

    private HttpResponse<String> get(String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(request(token, path), HttpResponse.BodyHandlers.ofString());
    }

    private int send(HttpClient client, String token, String path) throws Exception {
        return client.send(request(token, path), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String token, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/fhir+json").GET().build();
    }
}
