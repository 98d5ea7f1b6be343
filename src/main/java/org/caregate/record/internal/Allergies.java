package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceSeverity;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's allergies and intolerances, current ones first. One the EHR has ruled out
 * (verification {@code refuted}) or entered in error is not an allergy the patient has, and is
 * left out.
 */
@Service
public class Allergies {

    /** The most allergies the page reads; the download holds every one. */
    public static final int MOST = 500;

    private static final Set<String> LEFT_OUT = Set.of("refuted", "entered-in-error");

    /**
     * An allergy as the page shows it; the codes are FHIR's, for the page's words.
     *
     * @param reactions what happens, in words ("Hives, Rash"); empty when the record does not say
     * @param severity the worst reaction's severity: {@code mild}, {@code moderate}, {@code severe} or empty
     * @param criticality the risk of a serious reaction: {@code low}, {@code high}, {@code unable-to-assess} or empty
     * @param status {@code active}, {@code inactive}, {@code resolved} or empty
     * @param unconfirmed the care team has not confirmed it yet
     */
    public record Allergy(UUID id, String substance, String reactions, String severity, String criticality,
            String status, boolean unconfirmed, @Nullable PartialDate recorded) {

        public boolean current() {
            return status.isEmpty() || "active".equals(status);
        }
    }

    public record Listing(List<Allergy> allergies, boolean more) {

        public List<UUID> shown() {
            return allergies.stream().map(Allergy::id).toList();
        }
    }

    private final PatientRecords records;
    private final FhirContext fhir;

    Allergies(PatientRecords records, FhirContext fhir) {
        this.records = records;
        this.fhir = fhir;
    }

    public Listing list(Viewing viewing) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.ofType(viewing, "AllergyIntolerance", null, MOST + 1);
        List<Allergy> allergies = new ArrayList<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            AllergyIntolerance allergy = parser.parseResource(AllergyIntolerance.class, entry.json());
            String verification = code(allergy.getVerificationStatus());
            if (!LEFT_OUT.contains(verification)) {
                allergies.add(allergy(entry, allergy, verification));
            }
        }
        allergies.sort(Comparator.comparing((Allergy a) -> !a.current()));
        return new Listing(allergies, entries.size() > MOST);
    }

    private static Allergy allergy(PatientRecords.Entry entry, AllergyIntolerance allergy, String verification) {
        Set<String> reactions = new LinkedHashSet<>();
        AllergyIntoleranceSeverity worst = null;
        for (var reaction : allergy.getReaction()) {
            reaction.getManifestation().forEach(m -> reactions.add(Readings.words(m)));
            if (reaction.hasDescription()) {
                reactions.add(reaction.getDescription());
            }
            AllergyIntoleranceSeverity severity = reaction.getSeverity();
            if (severity != null && severity != AllergyIntoleranceSeverity.NULL
                    && (worst == null || severity.ordinal() > worst.ordinal())) {
                worst = severity;
            }
        }
        reactions.remove("");
        var criticality = allergy.getCriticality();
        return new Allergy(entry.id(), Readings.words(allergy.getCode()), String.join(", ", reactions),
                worst == null ? "" : worst.toCode(),
                criticality == null || criticality == AllergyIntolerance.AllergyIntoleranceCriticality.NULL ? ""
                        : criticality.toCode(),
                code(allergy.getClinicalStatus()), "unconfirmed".equals(verification),
                allergy.hasRecordedDateElement() ? PartialDate.of(allergy.getRecordedDateElement())
                        : allergy.hasOnsetDateTimeType() ? PartialDate.of(allergy.getOnsetDateTimeType()) : null);
    }

    private static String code(CodeableConcept concept) {
        String code = concept.getCodingFirstRep().getCode();
        return code == null ? "" : code;
    }
}
