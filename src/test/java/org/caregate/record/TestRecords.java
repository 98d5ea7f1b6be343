package org.caregate.record;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDate;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.caregate.TestPatients;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.identity.Account;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;

/**
 * Test patients with a whole generated record (the demo's generator, imported through the real
 * import) and an account to sign in with. Each call makes a new patient, so tests sharing one
 * database never see each other's rows.
 */

public class TestRecords {

    public static final long SEED = 20261122L;

    /** A patient with an account and a generated record at their organisation. */
    public record PatientWithRecord(Patient patient, Account account, String organizationId, Bundle bundle) {}

    private final PatientRegistry registry;
    private final Organizations organizations;
    private final RecordImport imports;
    private final TestPatients patients;

    public TestRecords(PatientRegistry registry, Organizations organizations, RecordImport imports,
            org.caregate.identity.AccountManagement accounts) {
        this.registry = registry;
        this.organizations = organizations;
        this.imports = imports;
        this.patients = new TestPatients(registry, accounts);
    }

    public PatientWithRecord patientWithRecord() {
        return patientWithRecord(bundle -> true);
    }

    /**
     * A patient whose generated record also holds what a test needs (a controlled substance, an
     * allergy…). Records are generated until one fits, which takes well under a millisecond each;
     * only that one is imported.
     */
    public PatientWithRecord patientWithRecord(Predicate<Bundle> wanted) {
        return patientWithRecord(wanted, UnaryOperator.identity());
    }

    /** A patient with a generated record, born on a given day (for the age rules of caregiver access). */
    public PatientWithRecord patientBornOn(LocalDate dateOfBirth) {
        return patientWithRecord(bundle -> true, p -> new NewPatient(p.givenNames(), p.familyName(), dateOfBirth, p.sex(),
                p.address(), p.email(), p.preferredLanguage(), p.phones(), p.recordNumbers()));
    }

    /**
     * A patient with a generated record, registered as {@code registeredAs} makes them: another name
     * or date of birth (a child's, to try the age rules with a whole record). The record is the one
     * generated for the patient as they were; the import finds them by their record numbers, which
     * must stay as they are.
     */
    public PatientWithRecord patientWithRecord(Predicate<Bundle> wanted, UnaryOperator<NewPatient> registeredAs) {
        // Indexes far beyond the demo's patients, so record numbers meet no other test's.
        // Some generated patients are young and well, with no blood tests: take one who has them.
        var people = new DemoPatientGenerator(SEED, organizations.all());
        long first = 9_000_000L + Math.floorMod(System.nanoTime(), 900_000L);
        long index = first;
        while (!fits(people, index, wanted)) {
            if (++index - first > 100_000) {
                throw new IllegalStateException("No generated record fits the test");
            }
        }
        NewPatient generated = people.patient(index);
        NewPatient registering = registeredAs.apply(generated);
        if (!registering.recordNumbers().equals(generated.recordNumbers())) {
            throw new IllegalArgumentException("The record numbers find the record: keep them");
        }
        Patient patient = registry.register(registering);
        String organization = patient.recordNumbers().getFirst().organizationId();
        Bundle bundle = new DemoRecordGenerator(SEED).record(generated, index, organization);
        ImportResult result = imports.importBundle(organization,
                FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle));
        if (!(result instanceof ImportResult.Imported)) {
            throw new IllegalStateException("The generated record was refused: " + result);
        }
        Account account = patients.account(patient, "rec-" + TestPatients.tag());
        return new PatientWithRecord(patient, account, organization, bundle);
    }

    /**
     * A record with something on every record page that a caregiver may see too (not only items
     * labelled confidential): visits, notes, health issues, medicines, allergies and vaccines
     * (results every record chosen here has).
     */
    public static boolean hasEveryPart(Bundle bundle) {
        var types = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getMeta().getSecurity().isEmpty()).map(r -> r.fhirType())
                .collect(java.util.stream.Collectors.toSet());
        return types.containsAll(java.util.List.of("Encounter", "DocumentReference", "Condition", "MedicationRequest",
                "AllergyIntolerance", "Immunization"));
    }

    private static boolean fits(DemoPatientGenerator people, long index, Predicate<Bundle> wanted) {
        NewPatient person = people.patient(index);
        Bundle bundle = new DemoRecordGenerator(SEED).record(person, index, person.recordNumbers().getFirst().organizationId());
        return bloodTests(bundle) >= 10 && wanted.test(bundle);
    }

    private static long bloodTests(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation o
                && "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode())).count();
    }
}
