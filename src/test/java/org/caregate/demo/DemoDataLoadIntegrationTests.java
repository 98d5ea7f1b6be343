package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.patient.PatientRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

// Generated patients without records here: GeneratePatientsCommandTests covers those.
@SpringBootTest(properties = {"caregate.demo.enabled=true", "caregate.demo.patients=50",
        "caregate.demo.generated-records=none"})
@ActiveProfiles("test")
class DemoDataLoadIntegrationTests {

    @Autowired
    PatientRegistry registry;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoPatientsAreLoadedOnceAndMoreCanBeGenerated() throws Exception {
        assertThat(registry.count()).isEqualTo(50);
        var loader = context.getBean("demoDataLoader");
        var loadOnce = loader.getClass().getDeclaredMethod("loadOnce");
        loadOnce.setAccessible(true);
        var generate = loader.getClass().getDeclaredMethod("generate", long.class);
        generate.setAccessible(true);

        assertThat(loadOnce.invoke(loader)).isEqualTo(0L);
        assertThat(registry.count()).isEqualTo(50);
        // The demo patients with a second factor have their mobile set up; the "not enrolled" one has none.
        assertThat(jdbc.sql("""
                SELECT a.username FROM mfa_phone m JOIN account a ON a.id = m.account_id ORDER BY a.username
                """).query(String.class).list()).containsExactly("demo.clinic", "demo.healthsystem");

        generate.invoke(loader, 2_500L);
        assertThat(registry.count()).isEqualTo(2_550);
        assertThat(jdbc.sql("SELECT generated FROM demo_data_load").query(Long.class).single()).isEqualTo(2_550);
        assertThat(registry.findByRecordNumber("clinic", "C10002549")
                .or(() -> registry.findByRecordNumber("health-system", "HS10002549"))).isPresent();
    }

    @Test
    void everyDemoPatientHasTheirRecordAndLoadingAgainAddsNothing() throws Exception {
        var loader = context.getBean("demoDataLoader");
        var loadRecordsOnce = loader.getClass().getDeclaredMethod("loadRecordsOnce");
        loadRecordsOnce.setAccessible(true);
        String demoPatients = "SELECT id FROM patient ORDER BY created_at, id LIMIT 50";
        // Each demo patient, at every organisation that knows them.
        var withRecords = jdbc.sql("""
                SELECT count(DISTINCT (patient_id, organization_id)) FROM record_resource WHERE patient_id IN (%s)
                """.formatted(demoPatients)).query(Long.class).single();
        var recordNumbers = jdbc.sql("SELECT count(*) FROM patient_record_number WHERE patient_id IN (%s)"
                .formatted(demoPatients)).query(Long.class).single();
        assertThat(withRecords).isEqualTo(recordNumbers).isGreaterThan(50);
        assertThat(jdbc.sql("SELECT DISTINCT resource_type FROM record_resource").query(String.class).list())
                .contains("Observation", "DiagnosticReport", "Condition", "MedicationRequest", "Immunization",
                        "Encounter", "DocumentReference");
        long stored = jdbc.sql("SELECT count(*) FROM record_resource").query(Long.class).single();
        long versions = jdbc.sql("SELECT count(*) FROM record_resource_version").query(Long.class).single();

        // A restart finds them imported and does nothing.
        assertThat(loadRecordsOnce.invoke(loader)).isEqualTo(0L);
        // A database whose records were never imported (made before they existed) gets them; what is
        // already stored is the same and stays as it is.
        jdbc.sql("UPDATE demo_data_load SET records_loaded_at = NULL").update();
        assertThat((Long) loadRecordsOnce.invoke(loader)).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource").query(Long.class).single()).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(jdbc.sql("SELECT records_loaded_at IS NOT NULL FROM demo_data_load").query(Boolean.class).single()).isTrue();
    }
}
