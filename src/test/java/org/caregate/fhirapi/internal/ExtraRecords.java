package org.caregate.fhirapi.internal;

import ca.uhn.fhir.context.FhirContext;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.caregate.patient.Patient;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Resources a test needs beside a generated record (a date on a known day, a Procedure), imported
 * for the patient through the real import, each named so the test can find its stored id.
 */
final class ExtraRecords {

    static final String IDENTIFIERS = "urn:caregate:test:extra";

    private final Patient patient;
    private final String organizationId;
    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final List<String> names = new ArrayList<>();
    private final String tag = UUID.randomUUID().toString();

    ExtraRecords(Patient patient, String organizationId) {
        this.patient = patient;
        this.organizationId = organizationId;
    }

    /** The reference to the patient an imported resource makes. */
    Reference patient() {
        return new Reference("Patient?identifier=" + RecordIdentifiers.mrnSystem(organizationId) + "|"
                + patient.recordNumberAt(organizationId).orElseThrow().value());
    }

    /** Adds a resource under a name; it gets an identifier of its own. */
    ExtraRecords add(String name, Resource resource) {
        resource.setProperty("identifier", new org.hl7.fhir.r4.model.Identifier().setSystem(IDENTIFIERS)
                .setValue(tag + "." + name));
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        names.add(name);
        return this;
    }

    /** Imports them all; the stored id of each, by name. */
    Map<String, UUID> importWith(RecordImport imports, FhirContext fhir) {
        ImportResult result = imports.importBundle(organizationId, fhir.newJsonParser().encodeResourceToString(bundle));
        if (!(result instanceof ImportResult.Imported imported)) {
            throw new IllegalStateException("Refused: " + fhir.newJsonParser()
                    .encodeResourceToString(((ImportResult.Refused) result).problems()));
        }
        Map<String, UUID> ids = new LinkedHashMap<>();
        for (ImportResult.Entry entry : imported.entries()) {
            ids.put(names.get(entry.bundleEntry()), entry.id());
        }
        return ids;
    }

    /** A moment in the server's time zone, the zone a search's date without one is read in. */
    static DateTimeType local(LocalDateTime time) {
        ZoneId zone = ZoneId.systemDefault();
        return new DateTimeType(Date.from(time.atZone(zone).toInstant()), TemporalPrecisionEnum.SECOND,
                TimeZone.getTimeZone(zone));
    }
}
