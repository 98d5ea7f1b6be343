package org.caregate.demo.internal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One patient's transaction Bundle as it is written: every resource gets a stable identifier, a
 * {@code urn:uuid} full URL made from the same parts, and a conditional update on that identifier, so
 * importing the Bundle twice changes nothing. Also the few FHIR shapes every section needs.
 */
final class DemoChart {

    static final String LOINC = "http://loinc.org";
    static final String SNOMED = "http://snomed.info/sct";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    /** The demo towns are in Minnesota, Wisconsin and Iowa: times carry Central Time offsets. */
    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final TimeZone TIME_ZONE = TimeZone.getTimeZone(ZONE);

    private final Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    private final String identifierBase;
    private int next;

    /** @param identifierBase what makes this patient's identifiers unique: organisation, seed and index */
    DemoChart(String identifierBase) {
        this.identifierBase = identifierBase;
    }

    Bundle bundle() {
        return bundle;
    }

    /**
     * Adds a resource under the next identifier {@code urn:caregate:demo:<type>|<base>.<n>}; returns a
     * reference to its full URL.
     */
    Reference add(Resource resource) {
        String type = resource.fhirType();
        var identifier = new Identifier()
                .setSystem(DemoRecordGenerator.IDENTIFIER_SYSTEM_PREFIX + type.toLowerCase(Locale.ROOT))
                .setValue(identifierBase + "." + (++next));
        resource.setProperty("identifier", identifier);
        return add(resource, identifier);
    }

    /** Adds a resource that already has the identifier it is known by (the Patient: its record number). */
    Reference add(Resource resource, Identifier identifier) {
        String fullUrl = "urn:uuid:" + UUID.nameUUIDFromBytes(
                (identifier.getSystem() + "|" + identifier.getValue()).getBytes(StandardCharsets.UTF_8));
        bundle.addEntry()
                .setFullUrl(fullUrl)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "?identifier=" + identifier.getSystem() + "|" + identifier.getValue());
        return new Reference(fullUrl);
    }

    static CodeableConcept concept(String system, String code, String display) {
        return new CodeableConcept(new Coding(system, code, display));
    }

    /** A coded concept with the words a patient reads on the page. */
    static CodeableConcept concept(String system, String code, String display, String text) {
        return concept(system, code, display).setText(text);
    }

    static Coding restricted() {
        return new Coding(CONFIDENTIALITY, "R", "restricted");
    }

    static Quantity quantity(double value, int decimals, String unit) {
        return new Quantity().setValue(BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP))
                .setUnit(unit).setSystem(UCUM).setCode(unit);
    }

    static DateTimeType dateTime(LocalDateTime time) {
        return new DateTimeType(date(time), TemporalPrecisionEnum.SECOND, TIME_ZONE);
    }

    static DateTimeType day(LocalDate day) {
        return new DateTimeType(day.toString());
    }

    static DateType date(LocalDate day) {
        return new DateType(day.toString());
    }

    static InstantType instant(LocalDateTime time) {
        return new InstantType(date(time), TemporalPrecisionEnum.SECOND, TIME_ZONE);
    }

    static Date date(LocalDateTime time) {
        return Date.from(time.atZone(ZONE).toInstant());
    }

    static Attachment text(String title, String text, LocalDateTime created) {
        return new Attachment().setContentType("text/plain").setTitle(title)
                .setData(text.getBytes(StandardCharsets.UTF_8)).setCreationElement(dateTime(created));
    }
}
