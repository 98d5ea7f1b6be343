package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The bulk path stores exactly the JSON the import stores, though it encodes each resource once. */
class BulkLoaderTests {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Test
    void idAndMetaGoWhereTheEncoderPutsThem() {
        var restricted = new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")))
                .setSubject(new Reference("Patient/123")).setValue(new Quantity(7.2));
        restricted.getMeta().addSecurity(SearchColumns.CONFIDENTIALITY, "R", "restricted");
        var plain = new Condition().setSubject(new Reference("Patient/123"))
                .setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "38341003", "High blood pressure")));
        var empty = new Encounter();
        Date now = Date.from(Instant.parse("2026-11-23T10:15:30.123Z"));

        for (Resource resource : List.<Resource>of(restricted, plain, empty)) {
            UUID id = UUID.randomUUID();
            String incoming = FHIR.newJsonParser().encodeResourceToString(resource);
            resource.setId(id.toString());
            resource.getMeta().setVersionId("1").setLastUpdated(now);
            String twice = FHIR.newJsonParser().encodeResourceToString(resource);

            assertThat(BulkLoader.withIdAndMeta(incoming, resource.fhirType(), id, new InstantType(now).getValueAsString()))
                    .isEqualTo(twice);
        }
    }
}
