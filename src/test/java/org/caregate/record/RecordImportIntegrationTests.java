package org.caregate.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.Date;
import java.util.UUID;
import org.caregate.IntegrationTest;
import org.caregate.TestPatients;
import org.caregate.patient.Patient;
import org.caregate.record.ImportResult.Imported;
import org.caregate.record.ImportResult.Outcome;
import org.caregate.record.ImportResult.Refused;
import org.caregate.record.internal.RecordStore;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bundles from the EHR into the record, on the real PostgreSQL: stored and versioned, idempotent,
 * refused with an OperationOutcome naming each problem, and all or nothing.
 */
@IntegrationTest
@Import(TestPatients.class)
public class RecordImportIntegrationTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String LAB = "urn:caregate:test:lab";

    @Autowired
    RecordImport imports;

    @Autowired
    RecordStore store;

    @Autowired
    TestPatients patients;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBundleIsStoredWithItsReferencesResolvedAndTheSameBundleAgainChangesNothing() {
        Patient patient = patients.patient("clinic");
        String tag = TestPatients.tag();
        Imported first = (Imported) imports.importBundle("clinic", json(bundle(patient, "clinic", tag, "7.1")));
        assertThat(first.count(Outcome.CREATED)).isEqualTo(2);
        assertThat(first.type()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(first.patients()).containsExactly(new ImportResult.MatchedPatient(0, patient.id()));
        assertThat(first.entries()).extracting(ImportResult.Entry::bundleEntry).containsExactly(1, 2);

        var a1c = first.entries().stream().filter(e -> e.resourceType().equals("Observation")).findFirst().orElseThrow();
        var report = first.entries().stream().filter(e -> e.resourceType().equals("DiagnosticReport")).findFirst()
                .orElseThrow();
        Observation stored = FHIR.newJsonParser().parseResource(Observation.class, store.find(a1c.id()).orElseThrow().json());
        assertThat(stored.getIdPart()).isEqualTo(a1c.id().toString());
        assertThat(stored.getMeta().getVersionId()).isEqualTo("1");
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + patient.id().value());
        DiagnosticReport storedReport = FHIR.newJsonParser().parseResource(DiagnosticReport.class,
                store.find(report.id()).orElseThrow().json());
        assertThat(storedReport.getResultFirstRep().getReference()).isEqualTo("Observation/" + a1c.id());
        assertThat(jdbc.sql("SELECT code || ' ' || category || ' ' || status FROM record_resource WHERE id = ?")
                .param(a1c.id()).query(String.class).single()).isEqualTo("4548-4 laboratory final");

        Imported again = (Imported) imports.importBundle("clinic", json(bundle(patient, "clinic", tag, "7.1")));
        assertThat(again.entries()).as("%s then %s", store.history(report.id()), again.entries())
                .extracting(ImportResult.Entry::outcome).containsOnly(Outcome.UNCHANGED);
        assertThat(again.entries()).extracting(ImportResult.Entry::id).containsExactly(a1c.id(), report.id());
        assertThat(store.history(a1c.id())).hasSize(1);
        assertThat(store.count(patient.id())).isEqualTo(2);
    }

    @Test
    void aChangedResourceGetsANewVersionAndTheOldOneIsKept() {
        Patient patient = patients.patient("clinic");
        String tag = TestPatients.tag();
        Imported first = (Imported) imports.importBundle("clinic", json(bundle(patient, "clinic", tag, "7.1")));
        Imported corrected = (Imported) imports.importBundle("clinic", json(bundle(patient, "clinic", tag, "6.9")));

        var a1c = corrected.entries().stream().filter(e -> e.resourceType().equals("Observation")).findFirst().orElseThrow();
        assertThat(a1c.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(a1c.version()).isEqualTo(2);
        assertThat(a1c.id()).isEqualTo(first.entries().getFirst().id());
        var history = store.history(a1c.id());
        assertThat(history).extracting(RecordStore.Stored::version).containsExactly(1, 2);
        assertThat(history.get(0).json()).contains("7.1");
        assertThat(history.get(1).json()).contains("6.9").contains("\"versionId\": \"2\"");
    }

    @Test
    void textThatIsNotAFhirBundleIsRefusedAndNothingIsStored() {
        assertThat(problems(imports.importBundle("clinic", "{not json"))).contains("STRUCTURE");
        assertThat(problems(imports.importBundle("clinic", "{\"resourceType\":\"Patient\"}"))).contains("STRUCTURE");
        String unknownType = """
                {"resourceType":"Bundle","type":"transaction","entry":[{"fullUrl":"urn:uuid:1","resource":{"resourceType":"Frobnicator"},
                "request":{"method":"POST","url":"Frobnicator"}}]}""";
        assertThat(problems(imports.importBundle("clinic", unknownType))).contains("STRUCTURE", "Frobnicator");
        assertThat(problems(imports.importBundle("nowhere", json(new Bundle())))).contains("NOTFOUND");
        assertThat(((Refused) imports.importBundle("clinic", "{not json")).unreadable()).isTrue();
        assertThat(((Refused) imports.importBundle("clinic", json(new Bundle()))).unreadable()).isFalse();
    }

    @Test
    void eachProblemIsNamedWithWhereItIsAndNothingOfTheBundleIsStored() {
        Patient patient = patients.patient("clinic");
        Bundle bundle = bundle(patient, "clinic", TestPatients.tag(), "7.1");
        // An observation without its required status and code, and one about nobody in the bundle.
        Observation incomplete = (Observation) bundle.getEntry().get(1).getResource();
        incomplete.setStatus(null);
        Observation stray = observation("stray-" + TestPatients.tag(), "urn:uuid:" + UUID.randomUUID(), "5.0");
        add(bundle, stray);
        add(bundle, observation(null, patientUrl(bundle), "5.1"));

        String answer = problems(imports.importBundle("clinic", json(bundle)));
        assertThat(answer).contains("Bundle.entry[1]", "status", "Bundle.entry[3].resource.subject",
                "neither in this bundle", "Bundle.entry[4].resource.identifier");
        assertThat(store.count(patient.id())).isZero();
    }

    @Test
    void aPatientTheRegistryDoesNotKnowOrOfAnotherOrganisationIsRefused() {
        Patient patient = patients.patient("clinic");
        Bundle unknown = bundle(patient, "clinic", TestPatients.tag(), "7.1");
        ((org.hl7.fhir.r4.model.Patient) unknown.getEntryFirstRep().getResource()).getIdentifierFirstRep()
                .setValue("NOSUCH" + TestPatients.tag().toUpperCase());
        assertThat(problems(imports.importBundle("clinic", json(unknown)))).contains("NOTFOUND", "No patient has medical record number");

        Bundle clinicBundle = bundle(patient, "clinic", TestPatients.tag(), "7.1");
        assertThat(problems(imports.importBundle("health-system", json(clinicBundle))))
                .contains("BUSINESSRULE", "belongs to clinic", "imported for health-system");
        assertThat(store.count(patient.id())).isZero();
    }

    @Test
    void aFailureWhileWritingLeavesNothingOfTheBundle() {
        Patient patient = patients.patient("clinic");
        String tag = TestPatients.tag();
        Bundle bundle = bundle(patient, "clinic", tag, "7.1");
        // The database refuses the bundle's second resource, after the first was written.
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION record_test_refuse() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql
                """).update();
        jdbc.sql("CREATE TRIGGER record_test_refuse BEFORE INSERT ON record_resource FOR EACH ROW "
                + "WHEN (NEW.identifier_value = 'report-" + tag + "') EXECUTE FUNCTION record_test_refuse()").update();
        try {
            assertThatThrownBy(() -> imports.importBundle("clinic", json(bundle))).hasMessageContaining("refused by the test");
        } finally {
            jdbc.sql("DROP TRIGGER record_test_refuse ON record_resource").update();
        }
        assertThat(store.count(patient.id())).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM record_resource_version v JOIN record_resource r ON r.id = v.id WHERE r.patient_id = ?")
                .param(patient.id().value()).query(Long.class).single()).isZero();
    }

    /** A transaction bundle: the patient, an HbA1c result and the report that holds it. */
    public static Bundle bundle(Patient patient, String organizationId, String tag, String a1c) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var person = new org.hl7.fhir.r4.model.Patient();
        person.addIdentifier().setSystem(RecordIdentifiers.mrnSystem(organizationId))
                .setValue(patient.recordNumberAt(organizationId).orElseThrow().value());
        add(bundle, person);
        Bundle.BundleEntryComponent result = add(bundle, observation("a1c-" + tag, patientUrl(bundle), a1c));
        DiagnosticReport report = new DiagnosticReport();
        report.addIdentifier().setSystem(LAB).setValue("report-" + tag);
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")));
        report.setSubject(new Reference(patientUrl(bundle)));
        report.addResult(new Reference(result.getFullUrl()));
        add(bundle, report);
        return bundle;
    }

    private static Observation observation(String identifier, String subject, String value) {
        Observation observation = new Observation();
        if (identifier != null) {
            observation.addIdentifier().setSystem(LAB).setValue(identifier);
        }
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")));
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(new Date(1_767_225_600_000L)));
        observation.setValue(new Quantity().setValue(new BigDecimal(value)).setUnit("%")
                .setSystem("http://unitsofmeasure.org").setCode("%"));
        return observation;
    }

    private static Bundle.BundleEntryComponent add(Bundle bundle, Resource resource) {
        return bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource)
                .setRequest(new Bundle.BundleEntryRequestComponent().setMethod(Bundle.HTTPVerb.POST)
                        .setUrl(resource.fhirType()));
    }

    private static String patientUrl(Bundle bundle) {
        return bundle.getEntryFirstRep().getFullUrl();
    }

    private static String json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    /** The refusal's issues as text: code, where, what. */
    private static String problems(ImportResult result) {
        assertThat(result).isInstanceOf(Refused.class);
        StringBuilder text = new StringBuilder();
        ((Refused) result).problems().getIssue().forEach(issue -> text.append(issue.getCode().name()).append(' ')
                .append(issue.getExpression()).append(' ').append(issue.getDiagnostics()).append('\n'));
        return text.toString();
    }
}
