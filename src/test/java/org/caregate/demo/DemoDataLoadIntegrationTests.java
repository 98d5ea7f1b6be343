package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
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

    @Autowired
    CareGrants grants;

    @Autowired
    AccountManagement accounts;

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
                """).query(String.class).list()).containsExactly("demo.caregiver", "demo.clinic", "demo.healthsystem");

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
        // What the demo adds to a record for its caregivers (DemoCaregivers) is not part of the generated records.
        long stored = jdbc.sql("SELECT count(*) FROM record_resource WHERE identifier_system <> 'urn:caregate:demo:caregivers'")
                .query(Long.class).single();
        long versions = jdbc.sql("SELECT count(*) FROM record_resource_version").query(Long.class).single();

        // A restart finds them imported and does nothing.
        assertThat(loadRecordsOnce.invoke(loader)).isEqualTo(0L);
        // A database whose records were never imported (made before they existed) gets them; what is
        // already stored is the same and stays as it is.
        jdbc.sql("UPDATE demo_data_load SET records_loaded_at = NULL").update();
        assertThat((Long) loadRecordsOnce.invoke(loader)).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource WHERE identifier_system <> 'urn:caregate:demo:caregivers'")
                .query(Long.class).single()).isEqualTo(stored);
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource_version").query(Long.class).single()).isEqualTo(versions);
        assertThat(jdbc.sql("SELECT records_loaded_at IS NOT NULL FROM demo_data_load").query(Boolean.class).single()).isTrue();
    }

    @Test
    void theDemoParentHelpsAChildAndATeenagerAndTheLandlinePatientsAdultChildHelpsThem() throws Exception {
        Account parent = account("demo.clinic");
        String organization = parent.homeOrganizationId();
        List<Grant> children = grants.heldBy(parent.id(), organization);
        assertThat(children).hasSize(2).allSatisfy(g -> {
            assertThat(g.basis()).isEqualTo(Basis.PARENT_OF_MINOR);
            assertThat(g.full()).isTrue();
        });
        assertThat(children).extracting(grants::status)
                .containsExactlyInAnyOrder(GrantStatus.ACTIVE, GrantStatus.ACTIVE_TEEN);
        Grant teen = children.stream().filter(g -> grants.status(g) == GrantStatus.ACTIVE_TEEN).findFirst().orElseThrow();
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource WHERE patient_id = ? AND organization_id = ? AND confidential")
                .params(teen.patient().value(), organization).query(Long.class).single())
                .as("the teenager has a confidential item, which their parent does not see").isPositive();

        Account older = account("demo.landline");
        Account adultChild = account("demo.caregiver");
        assertThat(adultChild.homeOrganizationId()).isEqualTo(older.homeOrganizationId());
        assertThat(registry.find(older.patientId()).orElseThrow().dateOfBirth())
                .isBefore(registry.find(adultChild.patientId()).orElseThrow().dateOfBirth().minusYears(20));
        List<Grant> helpers = grants.ofPatient(older.patientId(), older.homeOrganizationId());
        assertThat(helpers).singleElement().satisfies(g -> {
            assertThat(g.basis()).isEqualTo(Basis.INVITED);
            assertThat(g.proxy()).isEqualTo(adultChild.id());
            assertThat(g.full()).isFalse();
            assertThat(g.permissions()).isEqualTo(Map.of(Area.RESULTS, Access.READ, Area.APPOINTMENTS, Access.ACT));
            assertThat(grants.status(g)).isEqualTo(GrantStatus.ACTIVE);
        });

        // A restart finds them and adds nothing.
        var loader = context.getBean("demoDataLoader");
        var addCaregiversOnce = loader.getClass().getDeclaredMethod("addCaregiversOnce");
        addCaregiversOnce.setAccessible(true);
        assertThat(addCaregiversOnce.invoke(loader)).isEqualTo(0);
        assertThat(grants.heldBy(parent.id(), organization)).hasSize(2);
        assertThat(grants.ofPatient(older.patientId(), older.homeOrganizationId())).hasSize(1);
    }

    private Account account(String username) {
        return accounts.findForRecovery(username).stream().filter(a -> a.username().equals(username)).findFirst()
                .orElseThrow();
    }
}
