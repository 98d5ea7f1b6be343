package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class DemoRecordGeneratorTests {

    static final long SEED = 20261122;
    static final FhirContext FHIR = FhirContext.forR4Cached();

    /** A demo patient's record at the first organisation that knows them. */
    record Generated(NewPatient patient, long index, Bundle bundle) {}

    static List<Generated> records(DemoRecordGenerator generator, long from, int count) {
        var patients = new DemoPatientGenerator(SEED, DemoPatientGeneratorTests.ORGANIZATIONS);
        return LongStream.range(from, from + count).mapToObj(index -> {
            NewPatient patient = patients.patient(index);
            String organization = patient.recordNumbers().getFirst().organizationId();
            return new Generated(patient, index, generator.record(patient, index, organization));
        }).toList();
    }

    static List<Generated> twentyRecords() {
        return records(new DemoRecordGenerator(SEED), 0, 20);
    }

    static String json(Bundle bundle) {
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    static <T extends Resource> Stream<T> resources(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast);
    }

    static <T extends Resource> Stream<T> resources(List<Generated> records, Class<T> type) {
        return records.stream().flatMap(r -> resources(r.bundle(), type));
    }

    static boolean coded(List<Coding> codings, String code) {
        return codings.stream().anyMatch(c -> c.getCode().equals(code));
    }

    @Test
    void theSameSeedAndIndexGiveTheSameRecord() {
        var first = records(new DemoRecordGenerator(SEED), 0, 5);
        var second = records(new DemoRecordGenerator(SEED), 0, 5);

        for (int i = 0; i < first.size(); i++) {
            assertThat(json(second.get(i).bundle())).isEqualTo(json(first.get(i).bundle()));
        }
        assertThat(json(first.get(1).bundle())).isNotEqualTo(json(first.get(0).bundle()));
    }

    @Test
    void anotherIndexSeedOrOrganisationGivesAnotherRecord() {
        var generator = new DemoRecordGenerator(SEED);
        NewPatient patient = new DemoPatientGenerator(SEED, DemoPatientGeneratorTests.ORGANIZATIONS).patient(3);
        String organization = patient.recordNumbers().getFirst().organizationId();
        String record = json(generator.record(patient, 3, organization));

        // The same patient details under another index or seed still make another story.
        assertThat(json(generator.record(patient, 4, organization))).isNotEqualTo(record);
        assertThat(json(new DemoRecordGenerator(SEED + 1).record(patient, 3, organization))).isNotEqualTo(record);
        NewPatient atBoth = new NewPatient(patient.givenNames(), patient.familyName(), patient.dateOfBirth(),
                patient.sex(), patient.address(), patient.email(), patient.preferredLanguage(), patient.phones(),
                List.of(new MedicalRecordNumber("clinic", "C10000003"), new MedicalRecordNumber("health-system", "HS10000003")));
        assertThat(json(generator.record(atBoth, 3, "health-system")))
                .isNotEqualTo(json(generator.record(atBoth, 3, "clinic")));
    }

    @Test
    void aPatientWithoutARecordNumberAtTheOrganisationHasNoRecordThere() {
        NewPatient patient = new DemoPatientGenerator(SEED, List.of(DemoPatientGeneratorTests.organization("clinic")))
                .patient(0);

        assertThatThrownBy(() -> new DemoRecordGenerator(SEED).record(patient, 0, "health-system"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEntryIsAConditionalUpdateOnItsIdentifierAndEveryReferenceStaysInTheBundle() {
        for (Generated generated : twentyRecords()) {
            Bundle bundle = generated.bundle();
            assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
            Set<String> fullUrls = new HashSet<>();
            Set<String> identifiers = new HashSet<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                assertThat(entry.getFullUrl()).startsWith("urn:uuid:");
                assertThat(fullUrls.add(entry.getFullUrl())).as("unique full URL").isTrue();
                Resource resource = entry.getResource();
                List<Base> ids = resource.getNamedProperty("identifier").getValues();
                assertThat(ids).as("%s has one identifier", resource.fhirType()).hasSize(1);
                var identifier = (Identifier) ids.getFirst();
                assertThat(identifier.getSystem()).isNotBlank();
                assertThat(identifiers.add(identifier.getSystem() + "|" + identifier.getValue())).isTrue();
                assertThat(entry.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
                assertThat(entry.getRequest().getUrl()).isEqualTo(
                        resource.fhirType() + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue());
            }
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                for (Reference reference : FHIR.newTerser()
                        .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    if (reference.hasReference()) {
                        assertThat(fullUrls).as("reference in %s", entry.getResource().fhirType())
                                .contains(reference.getReference());
                    }
                }
            }
            List<Patient> patients = resources(bundle, Patient.class).toList();
            assertThat(patients).hasSize(1);
            MedicalRecordNumber number = generated.patient().recordNumbers().getFirst();
            assertThat(patients.getFirst().getIdentifierFirstRep().getSystem())
                    .isEqualTo(MedicalRecordNumber.FHIR_SYSTEM_PREFIX + number.organizationId());
            assertThat(patients.getFirst().getIdentifierFirstRep().getValue()).isEqualTo(number.value());
            assertThat(patients.getFirst().getBirthDateElement().getValueAsString())
                    .isEqualTo(generated.patient().dateOfBirth().toString());
            assertThat(identifiers).filteredOn(i -> !i.startsWith(MedicalRecordNumber.FHIR_SYSTEM_PREFIX))
                    .allMatch(i -> i.startsWith(DemoRecordGenerator.IDENTIFIER_SYSTEM_PREFIX));
        }
    }

    @Test
    void twentyRecordsHoldEveryKindTheIssueAsksFor() {
        List<Generated> records = twentyRecords();
        List<Observation> observations = resources(records, Observation.class).toList();

        assertThat(observations).flatExtracting(o -> o.getCode().getCoding()).extracting(Coding::getCode)
                .contains("718-7", "6690-2", "777-3", "2345-7", "2951-2", "2823-3", "2160-0", "2093-3", "13457-7",
                        "2085-9", "2571-8", "4548-4")
                .contains("85354-9", "8867-4", "29463-7", "8302-2", "39156-5", "8310-5");
        assertThat(observations).filteredOn(o -> coded(o.getCategoryFirstRep().getCoding(), "laboratory"))
                .anyMatch(o -> coded(o.getInterpretationFirstRep().getCoding(), "H"))
                .anyMatch(o -> coded(o.getInterpretationFirstRep().getCoding(), "L"));
        // Some diabetic's A1c rises over at least three draws, above the reference range.
        assertThat(records).anyMatch(r -> {
            List<Observation> a1c = resources(r.bundle(), Observation.class)
                    .filter(o -> coded(o.getCode().getCoding(), "4548-4"))
                    .sorted(Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).toList();
            return a1c.size() >= 3 && a1c.getLast().getValueQuantity().getValue().doubleValue()
                    > a1c.getFirst().getValueQuantity().getValue().doubleValue() + 0.3
                    && coded(a1c.getLast().getInterpretationFirstRep().getCoding(), "H");
        });
        assertThat(resources(records, DiagnosticReport.class))
                .anyMatch(r -> coded(r.getCode().getCoding(), "58410-2") && r.getResult().size() == 3);

        assertThat(resources(records, Condition.class))
                .flatExtracting(c -> c.getCode().getCoding()).extracting(Coding::getCode)
                .contains("38341003", "44054006", "55822004");
        List<MedicationRequest> prescriptions = resources(records, MedicationRequest.class).toList();
        assertThat(prescriptions).anyMatch(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.ACTIVE
                && m.getDispenseRequest().getNumberOfRepeatsAllowed() > 0
                && !m.hasExtension(DemoRecordGenerator.CONTROLLED_SUBSTANCE));
        assertThat(prescriptions).anyMatch(m -> m.hasExtension(DemoRecordGenerator.CONTROLLED_SUBSTANCE)
                && ((BooleanType) m.getExtensionByUrl(DemoRecordGenerator.CONTROLLED_SUBSTANCE).getValue()).booleanValue());
        assertThat(prescriptions).anyMatch(m -> m.getStatus() == MedicationRequest.MedicationRequestStatus.STOPPED);
        assertThat(resources(records, Immunization.class)).isNotEmpty();

        List<DocumentReference> documents = resources(records, DocumentReference.class).toList();
        assertThat(documents).anyMatch(d -> coded(d.getType().getCoding(), "34133-9")
                && d.getContext().getEncounterFirstRep().getReference().startsWith("urn:uuid:")
                && new String(d.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8)
                        .startsWith("Visit summary:"));
        assertThat(documents).anyMatch(d -> coded(d.getType().getCoding(), "11506-3"));
        assertThat(resources(records, DiagnosticReport.class)).anyMatch(r -> coded(r.getCategoryFirstRep().getCoding(), "RAD")
                && coded(r.getCode().getCoding(), "36643-5") && r.hasConclusion() && r.hasPresentedForm());

        assertThat(records.stream().flatMap(r -> r.bundle().getEntry().stream()).map(e -> e.getResource().getMeta()))
                .anyMatch(meta -> meta.getSecurity().stream().anyMatch(s -> s.getCode().equals("R")
                        && s.getSystem().equals("http://terminology.hl7.org/CodeSystem/v3-Confidentiality")));
    }

    @Test
    void someOfTheDefaultDemoPatientsHaveAllergiesAndSomeHaveNone() {
        // About one patient in five has an allergy: the 50 patients of a first start show both.
        var records = records(new DemoRecordGenerator(SEED), 0, 50);

        assertThat(records).anyMatch(r -> resources(r.bundle(), AllergyIntolerance.class)
                .anyMatch(a -> a.getCriticality() == AllergyIntolerance.AllergyIntoleranceCriticality.HIGH));
        assertThat(records).anyMatch(r -> resources(r.bundle(), AllergyIntolerance.class).findAny().isEmpty());
    }

    @Test
    void everyRecordHasAnImagingReportAndVisitsSpanSeveralYears() {
        for (Generated generated : twentyRecords()) {
            assertThat(resources(generated.bundle(), DiagnosticReport.class))
                    .anyMatch(r -> coded(r.getCategoryFirstRep().getCoding(), "RAD"));
            var visits = resources(generated.bundle(), Encounter.class)
                    .map(e -> e.getPeriod().getStartElement().getValueAsString().substring(0, 4)).distinct().count();
            assertThat(visits).as("years with visits, patient %d", generated.index()).isGreaterThanOrEqualTo(
                    generated.patient().dateOfBirth().getYear() >= 2024 ? 1 : 3);
        }
    }

    @Test
    void moreBloodDrawsAYearGiveOnePatientThousandsOfObservations() {
        var usual = records(new DemoRecordGenerator(SEED), 0, 20);
        Generated followed = usual.stream().filter(r -> resources(r.bundle(), Observation.class)
                .filter(o -> coded(o.getCode().getCoding(), "4548-4")).count() >= 9).findFirst().orElseThrow();
        Bundle large = new DemoRecordGenerator(SEED, 150).record(followed.patient(), followed.index(),
                followed.patient().recordNumbers().getFirst().organizationId());

        assertThat(resources(large, Observation.class).count()).isGreaterThan(5_000);
    }
}
