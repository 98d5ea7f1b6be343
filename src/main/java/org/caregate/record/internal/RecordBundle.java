package org.caregate.record.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.caregate.patient.Patient;
import org.caregate.record.RecordIdentifiers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

/**
 * The whole record as one FHIR R4 Bundle of type {@code collection}: a set of resources handed over
 * together, not the answer to a search ({@code searchset} would claim a query and search modes) nor
 * a signed clinical document ({@code document} needs a Composition). Each stored resource is as the
 * portal keeps it (its id and meta), and the Patient is built from the registry.
 */
final class RecordBundle {

    private static final CodeableConcept MEDICAL_RECORD_NUMBER = new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"));

    private RecordBundle() {}

    /**
     * @param base where the resources' full URLs start ({@code https://portal.example/fhir}); stored
     *     references are relative ({@code Patient/<id>}), so RESTful full URLs let a reader resolve
     *     them inside the bundle
     */
    static Bundle of(Patient patient, String organizationId, List<Resource> resources, String base, Instant at) {
        var bundle = new Bundle().setType(Bundle.BundleType.COLLECTION).setTimestamp(Date.from(at));
        add(bundle, base, patient(patient, organizationId));
        resources.forEach(resource -> add(bundle, base, resource));
        return bundle;
    }

    private static void add(Bundle bundle, String base, Resource resource) {
        String type = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        bundle.addEntry().setFullUrl(base + "/" + type + "/" + id).setResource(resource);
    }

    /** The patient from the registry: id, record number at the organisation, official name, gender, birth date; no contact details. */
    static org.hl7.fhir.r4.model.Patient patient(Patient patient, String organizationId) {
        var resource = new org.hl7.fhir.r4.model.Patient();
        resource.setId(patient.id().value().toString());
        patient.recordNumberAt(organizationId).ifPresent(number -> resource.addIdentifier(new Identifier()
                .setUse(Identifier.IdentifierUse.USUAL)
                .setType(MEDICAL_RECORD_NUMBER.copy())
                .setSystem(RecordIdentifiers.mrnSystem(organizationId))
                .setValue(number.value())));
        HumanName name = resource.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(patient.familyName());
        Arrays.stream(patient.givenNames().trim().split("\\s+")).filter(given -> !given.isEmpty()).forEach(name::addGiven);
        resource.setGender(switch (patient.sex()) {
            case FEMALE -> AdministrativeGender.FEMALE;
            case MALE -> AdministrativeGender.MALE;
            case OTHER -> AdministrativeGender.OTHER;
            case UNKNOWN -> AdministrativeGender.UNKNOWN;
        });
        // A day, not a moment: from its text, so no time zone can move it.
        resource.setBirthDateElement(new DateType(patient.dateOfBirth().toString()));
        return resource;
    }
}
