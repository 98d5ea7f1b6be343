package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.caregate.CaregateApplication;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.organization.Organizations;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code bench/generate-patients} runs the portal without a web server; that run must work too. */
class GeneratePatientsCommandTests {

    private static final long SEED = 20261122L;

    @Test
    void theBenchmarkCommandAddsPatientsWithoutAWebServer() {
        try (var context = new SpringApplicationBuilder(CaregateApplication.class).profiles("test")
                .run("--caregate.demo.enabled=true", "--caregate.demo.patients=10", "--caregate.demo.generate=1500",
                        "--caregate.demo.generated-records=none", "--caregate.demo.exit-when-generated=false",
                        "--spring.main.web-application-type=none", "--PORTAL_DB_URL=")) {
            assertThat(context.getBean(PatientRegistry.class).count()).isEqualTo(1_510);
        }
    }

    @Test
    void generatedRecordsCanGoThroughTheCheckedImportInstead() {
        try (var context = new SpringApplicationBuilder(CaregateApplication.class).profiles("test")
                .run("--caregate.demo.enabled=true", "--caregate.demo.patients=0", "--caregate.demo.generate=2",
                        "--caregate.demo.generated-records=import", "--caregate.demo.exit-when-generated=false",
                        "--spring.main.web-application-type=none", "--PORTAL_DB_URL=")) {
            var jdbc = context.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT count(DISTINCT patient_id) FROM record_resource").query(Long.class).single())
                    .isEqualTo(2);
            // Imported, so each resource has its first version in the history.
            assertThat(jdbc.sql("SELECT count(*) FROM record_resource_version WHERE version = 1").query(Long.class).single())
                    .isEqualTo(jdbc.sql("SELECT count(*) FROM record_resource").query(Long.class).single())
                    .isGreaterThan(100);
        }
    }

    @Test
    void generatedPatientsGetTheirRecordsInBulkAsTheImportWouldStoreThem() {
        try (var context = new SpringApplicationBuilder(CaregateApplication.class).profiles("test")
                .run("--caregate.demo.enabled=true", "--caregate.demo.patients=0", "--caregate.demo.generate=3",
                        "--caregate.demo.generated-records=bulk", "--caregate.demo.exit-when-generated=false",
                        "--spring.main.web-application-type=none", "--PORTAL_DB_URL=")) {
            var registry = context.getBean(PatientRegistry.class);
            var jdbc = context.getBean(JdbcClient.class);
            var organizations = context.getBean(Organizations.class);
            var patients = new DemoPatientGenerator(SEED, organizations.all());
            var records = new DemoRecordGenerator(SEED);
            assertThat(registry.count()).isEqualTo(3);

            for (long index = 0; index < 3; index++) {
                NewPatient generated = patients.patient(index);
                MedicalRecordNumber home = generated.recordNumbers().getFirst();
                Patient patient = registry.findByRecordNumber(home.organizationId(), home.value()).orElseThrow();
                for (MedicalRecordNumber number : generated.recordNumbers()) {
                    Bundle bundle = records.record(generated, index, number.organizationId());
                    Map<String, Long> expected = bundle.getEntry().stream().map(e -> e.getResource().fhirType())
                            .filter(type -> !type.equals("Patient"))
                            .collect(Collectors.groupingBy(type -> type, Collectors.counting()));
                    // Found by patient and organisation, every type in the same numbers as the generated bundle.
                    Map<String, Long> stored = jdbc.sql("""
                            SELECT resource_type, count(*) AS n FROM record_resource
                            WHERE patient_id = ? AND organization_id = ? GROUP BY resource_type
                            """).params(patient.id().value(), number.organizationId())
                            .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                    assertThat(stored).isEqualTo(expected).containsKeys("Observation", "Encounter", "Condition");

                    // The search columns are filled as the import fills them, and references point at stored rows.
                    assertThat(jdbc.sql("""
                            SELECT DISTINCT category FROM record_resource
                            WHERE patient_id = ? AND resource_type = 'Observation' AND effective_at IS NOT NULL
                                AND code_system = 'http://loinc.org' AND version = 1
                            """).param(patient.id().value()).query(String.class).list())
                            .contains("vital-signs", "laboratory");
                    assertThat(jdbc.sql("""
                            SELECT count(*) FROM record_resource r
                            WHERE r.patient_id = ? AND (
                                coalesce(r.resource->'subject', r.resource->'patient')->>'reference' IS DISTINCT FROM 'Patient/' || r.patient_id
                                OR r.resource->'encounter' IS NOT NULL AND NOT EXISTS (SELECT 1 FROM record_resource e
                                    WHERE 'Encounter/' || e.id = r.resource->'encounter'->>'reference'))
                            """).param(patient.id().value()).query(Long.class).single()).isZero();

                    // Each carries its id and version, and keeps its security labels.
                    assertThat(jdbc.sql("""
                            SELECT count(*) FROM record_resource WHERE patient_id = ? AND NOT (resource->>'id' = id::text
                                AND resource->'meta'->>'versionId' = '1' AND resource->'meta'->>'lastUpdated' IS NOT NULL
                                AND (NOT confidential OR resource->'meta'->'security' IS NOT NULL))
                            """).param(patient.id().value()).query(Long.class).single()).isZero();

                    // Importing the same bundle through the checked path finds every resource already stored as it is.
                    String json = FhirContext.forR4Cached().newJsonParser()
                            .encodeResourceToString(records.record(generated, index, number.organizationId()));
                    var imported = (ImportResult.Imported) context.getBean(RecordImport.class)
                            .importBundle(number.organizationId(), json);
                    assertThat(imported.count(ImportResult.Outcome.UNCHANGED)).isEqualTo(imported.entries().size());
                }
            }
            // The bulk path writes no history; the import of unchanged bundles wrote none either.
            assertThat(jdbc.sql("SELECT count(*) FROM record_resource_version").query(Long.class).single()).isZero();
            assertThat(jdbc.sql("SELECT count(DISTINCT effective_at::date) FROM record_resource WHERE resource_type = 'Observation'")
                    .query(Long.class).single()).isGreaterThan(10);
            List<String> types = jdbc.sql("SELECT DISTINCT resource_type FROM record_resource").query(String.class).list();
            assertThat(types).doesNotContain("Patient");
        }
    }
}
