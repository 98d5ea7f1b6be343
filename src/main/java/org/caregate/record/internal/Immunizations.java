package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.text.Collator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Immunization.ImmunizationStatus;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's vaccines, as a record they can print for a school, a job or travel: each vaccine with
 * the dates of its doses, newest first. Doses recorded as not given, or entered in error, are left out.
 */
@Service
public class Immunizations {

    /** The most doses the page reads; the download holds every one. */
    public static final int MOST = 1000;

    /** One dose; {@code lot} is empty when the record does not say. */
    public record Dose(UUID id, @Nullable PartialDate given, String lot) {}

    /** A vaccine and its doses, newest first. */
    public record Vaccine(String name, List<Dose> doses) {}

    /** The vaccines, by name. */
    public record Listing(List<Vaccine> vaccines, boolean more) {

        public List<UUID> shown() {
            return vaccines.stream().flatMap(v -> v.doses().stream()).map(Dose::id).toList();
        }
    }

    private final PatientRecords records;
    private final FhirContext fhir;

    Immunizations(PatientRecords records, FhirContext fhir) {
        this.records = records;
        this.fhir = fhir;
    }

    /** The vaccines by name in the reader's language's order. */
    public Listing list(Viewing viewing, Locale locale) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.ofType(viewing, "Immunization", null, MOST + 1);
        Map<String, List<Dose>> byName = new LinkedHashMap<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            Immunization immunization = parser.parseResource(Immunization.class, entry.json());
            if (immunization.getStatus() != ImmunizationStatus.COMPLETED) {
                continue;
            }
            byName.computeIfAbsent(Readings.words(immunization.getVaccineCode()), name -> new ArrayList<>())
                    .add(new Dose(entry.id(), immunization.hasOccurrenceDateTimeType()
                            ? PartialDate.of(immunization.getOccurrenceDateTimeType()) : null,
                            immunization.hasLotNumber() ? immunization.getLotNumber() : ""));
        }
        Collator collator = Collator.getInstance(locale);
        List<Vaccine> vaccines = new ArrayList<>();
        byName.forEach((name, doses) -> vaccines.add(new Vaccine(name, List.copyOf(doses))));
        vaccines.sort((a, b) -> collator.compare(a.name(), b.name()));
        return new Listing(vaccines, entries.size() > MOST);
    }
}
