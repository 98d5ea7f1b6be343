package org.caregate.demo.internal;

import java.util.Arrays;
import java.util.Random;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;

/**
 * A believable, entirely fictional clinical record for a demo patient, as the EHR would send it: a
 * FHIR R4 transaction Bundle with the Patient and, over the 3 to 5 years before
 * {@link DemoPatientGenerator#REFERENCE_DAY}, problems, allergies, prescriptions, immunizations, office
 * visits with vital signs, visit summaries and progress notes, blood tests in panel reports, and a
 * chest X-ray report. The record depends only on the seed, the patient's index and the organisation,
 * so it is the same on every machine and every run.
 *
 * <p>Every entry is a conditional update on a stable identifier ({@code PUT
 * Observation?identifier=urn:caregate:demo:observation|clinic.20261122.17.42}; the Patient on its
 * record number, {@code PUT Patient?identifier=urn:caregate:mrn:clinic|C10000017}), so importing a
 * Bundle twice leaves one copy. References between entries use the entries' {@code urn:uuid} full
 * URLs, which the import resolves.
 *
 * <p>{@link DemoRecords} imports {@code record(patient, index, organisation)} for each demo patient
 * at each organisation that knows them through the record import on the first start; the volume
 * command ({@code caregate.demo.generate}, {@code bench/generate-patients}) writes them batch by
 * batch, in bulk by default. A benchmark raises {@code labDrawsPerYear} to give one patient
 * thousands of observations.
 */
public class DemoRecordGenerator {

    /**
     * The extension, a boolean on a MedicationRequest, that marks a controlled substance (DEA
     * schedule II to V), so that the portal can treat its refills apart from ordinary ones.
     */
    public static final String CONTROLLED_SUBSTANCE =
            "https://caregate.example/fhir/StructureDefinition/controlled-substance";

    /** Every generated resource but the Patient is identified as this, its type in lower case, {@code |} a value. */
    public static final String IDENTIFIER_SYSTEM_PREFIX = "urn:caregate:demo:";

    /** Several draws a year, so that results have a trend to show. */
    public static final int DEFAULT_LAB_DRAWS_PER_YEAR = 3;

    private static final CodeableConcept MEDICAL_RECORD_NUMBER = new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"));

    private final long seed;
    private final int labDrawsPerYear;

    public DemoRecordGenerator(long seed) {
        this(seed, DEFAULT_LAB_DRAWS_PER_YEAR);
    }

    /**
     * @param labDrawsPerYear blood draws a year for a patient whose long-term problems are followed
     *     with them (others have a third as many, at least one); each brings up to 12 results
     */
    public DemoRecordGenerator(long seed, int labDrawsPerYear) {
        if (labDrawsPerYear < 1) {
            throw new IllegalArgumentException("At least one blood draw a year");
        }
        this.seed = seed;
        this.labDrawsPerYear = labDrawsPerYear;
    }

    /**
     * The record of patient {@code index} (as {@link DemoPatientGenerator#patient(long)} made them)
     * at an organisation where they have a record number.
     */
    public Bundle record(NewPatient patient, long index, String organizationId) {
        MedicalRecordNumber number = patient.recordNumbers().stream()
                .filter(n -> n.organizationId().equals(organizationId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The patient has no record number at " + organizationId));
        // Its own stream, apart from the patient generator's, and different at each organisation.
        var random = new Random((seed * 1_000_003L + index) * 0x9E3779B97F4A7C15L + organizationId.hashCode());
        var chart = new DemoChart(organizationId + "." + seed + "." + index);
        Reference subject = chart.add(patient(patient, number), identifier(number));

        DemoHealth health = DemoHealth.draw(random, patient);
        if (!health.from().isBefore(health.to())) {
            return chart.bundle(); // born on the last days of the record: nothing to tell yet
        }
        var problemList = new DemoProblemList(chart, subject, health, random);
        var conditions = problemList.write();
        new DemoMedicines(chart, subject, health, random, conditions).write();
        new DemoVisits(chart, subject, health, random, problemList, conditions).write();
        new DemoLabs(chart, subject, health, random).write(labDrawsPerYear);
        return chart.bundle();
    }

    private static Patient patient(NewPatient patient, MedicalRecordNumber number) {
        var resource = new Patient();
        resource.addIdentifier(identifier(number).setUse(Identifier.IdentifierUse.USUAL).setType(MEDICAL_RECORD_NUMBER.copy()));
        HumanName name = resource.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(patient.familyName());
        Arrays.stream(patient.givenNames().split(" ")).forEach(name::addGiven);
        resource.setGender(switch (patient.sex()) {
            case FEMALE -> AdministrativeGender.FEMALE;
            case MALE -> AdministrativeGender.MALE;
            case OTHER -> AdministrativeGender.OTHER;
            case UNKNOWN -> AdministrativeGender.UNKNOWN;
        });
        resource.setBirthDateElement(DemoChart.date(patient.dateOfBirth()));
        return resource;
    }

    private static Identifier identifier(MedicalRecordNumber number) {
        return new Identifier().setSystem(number.fhirSystem()).setValue(number.value());
    }
}
