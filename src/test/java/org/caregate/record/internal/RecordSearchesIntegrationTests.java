package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.caregate.IntegrationTest;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordImport;
import org.caregate.record.RecordSearch;
import org.caregate.record.RecordSearch.Criterion;
import org.caregate.record.RecordSearch.Query;
import org.caregate.record.RecordSearch.Token;
import org.caregate.record.RecordView;
import org.caregate.record.RecordViews;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The record's searches for the FHIR API hold back what the pages hold back: results an
 * organisation delays (and a report's mention of them), confidential items when the viewing hides
 * them, a caregiver's other areas, and anyone else's resources.
 */
@IntegrationTest
class RecordSearchesIntegrationTests {

    @Autowired
    RecordSearch search;

    @Autowired
    PatientRecords records;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    RecordAccess access;

    @Autowired
    FhirContext fhir;

    @Autowired
    Clock clock;

    @Autowired
    RecordViews views;

    @Autowired
    JdbcClient jdbc;

    @Test
    void resultsAnOrganisationHoldsBackAreNeitherFoundNorReadNorNamedByTheirReport() {
        var record = testRecords().patientWithRecord();
        Viewing patient = Viewing.own(AccountId.random(), record.patient().id(), record.organizationId());
        // The record was imported a moment ago: a three-day hold of blood tests at its organisation covers it.
        var holding = new RecordSearches(records, registry, organizations, new ResultSettings(Map.of(),
                Map.of(record.organizationId(), Map.of("laboratory", Duration.ofDays(3))), Duration.ofDays(14),
                Duration.ofDays(14)), access, fhir, clock);

        List<RecordSearch.Found> labs = search.search(patient, labs()).found();
        assertThat(labs).isNotEmpty();
        assertThat(holding.search(patient, labs()).found()).isEmpty();
        assertThat(holding.search(patient, new Query("Observation", List.of(category("vital-signs")), 0, 100)).found())
                .isNotEmpty();
        UUID lab = labs.getFirst().id();
        assertThat(search.read(patient, "Observation", lab)).isPresent();
        assertThat(holding.read(patient, "Observation", lab)).isEmpty();

        // A panel's report is not held (its category is LAB), but it no longer names the held values.
        UUID panel = search.search(patient, new Query("DiagnosticReport", List.of(category("LAB")), 0, 1)).ids().getFirst();
        assertThat(report(search.read(patient, "DiagnosticReport", panel).orElseThrow()).getResult()).isNotEmpty();
        assertThat(report(holding.read(patient, "DiagnosticReport", panel).orElseThrow()).getResult()).isEmpty();
        assertThat(holding.search(patient, new Query("DiagnosticReport", List.of(category("LAB")), 0, 100)).found())
                .allSatisfy(found -> assertThat(report(found).getResult()).isEmpty());
    }

    @Test
    void confidentialItemsAreLeftOutWhenTheViewingHidesThem() {
        var record = testRecords().patientWithRecord(TestRecords::hasEveryPart);
        Viewing patient = Viewing.own(AccountId.random(), record.patient().id(), record.organizationId());
        UUID confidential = confidentialLab(record);
        Viewing hiding = new Viewing(AccountId.random(), record.patient().id(), record.organizationId(), UUID.randomUUID(),
                Map.of(Area.RESULTS, Access.READ, Area.RECORD, Access.READ), true);

        assertThat(search.search(patient, labs()).ids()).contains(confidential);
        assertThat(search.read(patient, "Observation", confidential)).isPresent();
        assertThat(search.search(hiding, labs()).ids()).isNotEmpty().doesNotContain(confidential);
        assertThat(search.read(hiding, "Observation", confidential)).isEmpty();
    }

    @Test
    void aCaregiverLimitedToResultsFindsResultsAndNothingElse() {
        var record = testRecords().patientWithRecord(TestRecords::hasEveryPart);
        Viewing results = new Viewing(AccountId.random(), record.patient().id(), record.organizationId(), UUID.randomUUID(),
                Map.of(Area.RESULTS, Access.READ), true);

        assertThat(everything(results, "Observation")).isNotEmpty()
                .allSatisfy(found -> assertThat(found.json()).contains("\"laboratory\""));
        assertThat(everything(results, "DiagnosticReport")).isNotEmpty();
        for (String type : List.of("Condition", "MedicationRequest", "Encounter", "DocumentReference", "Immunization")) {
            assertThat(everything(results, type)).as(type).isEmpty();
        }
        UUID vital = everything(Viewing.own(AccountId.random(), record.patient().id(), record.organizationId()), "Observation")
                .stream().filter(found -> found.json().contains("\"vital-signs\"")).findFirst().orElseThrow().id();
        assertThat(search.read(results, "Observation", vital)).isEmpty();
    }

    @Test
    void anotherPatientsResourcesAreFoundByNeitherIdNorSearch() {
        var mine = testRecords().patientWithRecord();
        var theirs = testRecords().patientWithRecord();
        Viewing me = Viewing.own(AccountId.random(), mine.patient().id(), mine.organizationId());
        Viewing them = Viewing.own(AccountId.random(), theirs.patient().id(), theirs.organizationId());
        UUID their = search.search(them, labs()).ids().getFirst();

        assertThat(search.read(them, "Observation", their)).isPresent();
        assertThat(search.read(me, "Observation", their)).isEmpty();
        assertThat(search.search(me, new Query("Observation", List.of(new Criterion.Ids(Set.of(their))), 0, 10)).found())
                .isEmpty();
        assertThat(search.read(them, "Condition", their)).as("another type's id").isEmpty();
    }

    @Test
    void everyReadAndSearchIsRecordedAsAViewThroughTheApi() {
        var record = testRecords().patientWithRecord();
        Viewing patient = Viewing.own(AccountId.random(), record.patient().id(), record.organizationId());
        List<UUID> found = search.search(patient, new Query("Observation", List.of(category("laboratory")), 0, 3)).ids();
        search.read(patient, "Observation", found.getFirst());

        assertThat(views.of(record.patient().id())).filteredOn(v -> v.view() == RecordView.FHIR_API)
                .extracting(v -> v.resources()).containsExactly(found, List.of(found.getFirst()));
    }

    private TestRecords testRecords() {
        return new TestRecords(registry, organizations, imports, accounts);
    }

    private static Query labs() {
        return new Query("Observation", List.of(category("laboratory")), 0, 100);
    }

    private static Criterion category(String code) {
        return new Criterion.Categories(Set.of(Token.code(code)));
    }

    private List<RecordSearch.Found> everything(Viewing viewing, String type) {
        return search.search(viewing, new Query(type, List.of(), 0, 1_000)).found();
    }

    private DiagnosticReport report(RecordSearch.Found found) {
        return fhir.newJsonParser().parseResource(DiagnosticReport.class, found.json());
    }

    /** The patient's newest blood test, marked confidential as an import with meta.security R would. */
    private UUID confidentialLab(TestRecords.PatientWithRecord record) {
        UUID id = jdbc.sql("""
                SELECT id FROM record_resource WHERE patient_id = ? AND resource_type = 'Observation' AND category = 'laboratory'
                ORDER BY effective_at DESC NULLS LAST, id LIMIT 1
                """).param(record.patient().id().value()).query(UUID.class).single();
        jdbc.sql("UPDATE record_resource SET confidential = true WHERE id = ?").param(id).update();
        return id;
    }
}
