package org.caregate.record.internal;

import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * The columns a stored resource is found by: its patient reference, category, code, date and
 * status, whatever the resource type calls them.
 *
 * @param confidential labelled restricted or very restricted ({@code meta.security}, v3
 *     Confidentiality R or V): the caregiver rules hide it
 */
record SearchColumns(@Nullable Reference patient, @Nullable String category, @Nullable Coding code,
        @Nullable Instant effectiveAt, @Nullable String status, boolean confidential) {

    static final String CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";

    static SearchColumns of(Resource resource) {
        boolean confidential = resource.getMeta().getSecurity().stream()
                .anyMatch(label -> CONFIDENTIALITY.equals(label.getSystem())
                        && ("R".equals(label.getCode()) || "V".equals(label.getCode())));
        return switch (resource) {
            case Observation o -> new SearchColumns(o.getSubject(), category(o.getCategory()), code(o.getCode()),
                    instant(o.getEffective()), o.getStatusElement().getValueAsString(), confidential);
            case DiagnosticReport d -> new SearchColumns(d.getSubject(), category(d.getCategory()), code(d.getCode()),
                    instant(d.getEffective()), d.getStatusElement().getValueAsString(), confidential);
            case Condition c -> new SearchColumns(c.getSubject(), category(c.getCategory()), code(c.getCode()),
                    c.hasOnset() ? instant(c.getOnset()) : instant(c.getRecordedDateElement()),
                    c.hasClinicalStatus() ? c.getClinicalStatus().getCodingFirstRep().getCode() : null, confidential);
            case MedicationRequest m -> new SearchColumns(m.getSubject(), category(m.getCategory()),
                    m.hasMedicationCodeableConcept() ? code(m.getMedicationCodeableConcept()) : null,
                    instant(m.getAuthoredOnElement()), m.getStatusElement().getValueAsString(), confidential);
            case AllergyIntolerance a -> new SearchColumns(a.getPatient(),
                    a.getCategory().isEmpty() ? null : a.getCategory().getFirst().getCode(), code(a.getCode()),
                    a.hasOnset() ? instant(a.getOnset()) : instant(a.getRecordedDateElement()),
                    a.hasClinicalStatus() ? a.getClinicalStatus().getCodingFirstRep().getCode() : null, confidential);
            case Immunization i -> new SearchColumns(i.getPatient(), null, code(i.getVaccineCode()),
                    instant(i.getOccurrence()), i.getStatusElement().getValueAsString(), confidential);
            case Encounter e -> new SearchColumns(e.getSubject(), e.getClass_().getCode(),
                    e.getType().isEmpty() ? null : code(e.getTypeFirstRep()), instant(e.getPeriod()),
                    e.getStatusElement().getValueAsString(), confidential);
            case DocumentReference r -> new SearchColumns(r.getSubject(), category(r.getCategory()), code(r.getType()),
                    r.hasDate() ? r.getDate().toInstant() : null, r.getStatusElement().getValueAsString(), confidential);
            case Procedure p -> new SearchColumns(p.getSubject(), category(List.of(p.getCategory())), code(p.getCode()),
                    instant(p.getPerformed()), p.getStatusElement().getValueAsString(), confidential);
            default -> new SearchColumns(null, null, null, null, null, confidential);
        };
    }

    private static @Nullable String category(List<CodeableConcept> categories) {
        return categories.stream().flatMap(c -> c.getCoding().stream()).map(Coding::getCode)
                .filter(code -> code != null && !code.isBlank()).findFirst().orElse(null);
    }

    private static @Nullable Coding code(@Nullable CodeableConcept concept) {
        return concept == null || concept.getCoding().isEmpty() ? null : concept.getCodingFirstRep();
    }

    private static @Nullable Instant instant(@Nullable Type value) {
        return switch (value) {
            case DateTimeType dateTime when dateTime.getValue() != null -> dateTime.getValue().toInstant();
            case Period period when period.getStart() != null -> period.getStart().toInstant();
            case null, default -> null;
        };
    }
}
