package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordSearch.Criterion;
import org.caregate.record.RecordSearch.Token;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Benchmark, not a test: the plan PostgreSQL chooses, and what it reads, for the FHIR API's
 * Observation search by patient and category ({@code RecordSearch}, first page and a page deep in),
 * on a database at volume — the one {@code bench/generate-patients} filled, named by
 * {@code -Dcaregate.database.embedded.data-directory=DIR -DPORTAL_DB_URL=}. Takes the patient with
 * the most laboratory observations and a result hold in force, as in production with delays set.
 * Enabled only by {@code caregate.bench=true}; writes {@code target/bench/fhir-search-plan.txt}.
 */
@SpringBootTest
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "caregate.bench", matches = "true")
class SearchPlanBenchmark {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Test
    void observationSearchByPatientAndCategoryReadsOnlyItsPageFromTheIndex() throws Exception {
        jdbc.sql("ANALYZE record_resource").update();
        UUID patient = jdbc.sql("""
                SELECT patient_id FROM record_resource WHERE resource_type = 'Observation' AND category = 'laboratory'
                GROUP BY patient_id ORDER BY count(*) DESC LIMIT 1
                """).query(UUID.class).single();
        long labs = jdbc.sql("SELECT count(*) FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = 'laboratory'")
                .param(patient).query(Long.class).single();
        double rows = jdbc.sql("SELECT reltuples FROM pg_class WHERE relname = 'record_resource'").query(Double.class).single();
        Viewing viewing = Viewing.own(AccountId.random(), new PatientId(patient), "clinic");
        var conditions = SearchConditions.of("Observation",
                List.of(new Criterion.Categories(Set.of(Token.code("laboratory")))), RecordAreas.sql("Observation", viewing));
        var holds = List.of(new PatientRecords.Hold("clinic", "laboratory", clock.instant().minusSeconds(3 * 86_400)),
                new PatientRecords.Hold("health-system", "RAD", clock.instant().minusSeconds(86_400)));

        StringBuilder report = new StringBuilder("FHIR Observation search by patient and category: the plan\n"
                + "about %,.0f stored resources; the patient has %d laboratory observations\n".formatted(rows, labs));
        List<String> plans = new java.util.ArrayList<>();
        for (var hold : List.of(List.<PatientRecords.Hold>of(), holds)) {
            for (int offset : new int[] {0, 100}) {
                List<String> plan = PatientRecords.matching(jdbc.sql("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
                        + PatientRecords.matchingSql(conditions)), viewing, hold, "Observation", conditions, offset, 21)
                        .query(String.class).list();
                report.append("\n_count=20 (21 read), _offset=").append(offset).append(hold.isEmpty() ? ", no result delays" :
                        ", results delayed").append(":\n").append(String.join("\n", plan)).append('\n');
                plans.add(String.join("\n", plan));
            }
        }
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "fhir-search-plan.txt"), report);
        for (String text : plans) {
            assertThat(text).as(text).startsWith("Limit").contains("Index Scan using record_resource_patient_category_idx")
                    .doesNotContain("Sort");
        }
    }
}
