package org.caregate.record.internal;

import ca.uhn.fhir.util.FhirTerser;
import java.util.Map;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A bundle's references as the store keeps them: an entry's full URL ({@code urn:uuid:…}) becomes
 * {@code Type/<id>}, a conditional reference to the patient ({@code Patient?identifier=…}) becomes
 * {@code Patient/<registry id>}.
 *
 * @param targets what each full URL of the bundle stands for, {@code Type/<id>}
 */
record BundleReferences(Map<String, String> targets) {

    void resolve(FhirTerser terser, Resource resource, PatientId patient) {
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(resource, Reference.class)) {
            // The parser linked references to the bundle's resources; the store keeps references only.
            reference.setResource(null);
            String target = targets.get(reference.getReference());
            if (target != null) {
                reference.setReference(target);
            } else if (reference.getReference() != null && reference.getReference().startsWith("Patient?")) {
                reference.setReference("Patient/" + patient.value());
            }
        }
    }
}
