package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's visits as the pages show them: newest first with who they saw and why; one visit with
 * its vital signs, its summary for the patient, and links to its notes and test results.
 */
@Service
public class Visits {

    /** The most visits the list shows; the download holds every one. */
    public static final int MOST = 500;

    /** The most things recorded at one visit that its page reads. */
    private static final int MOST_AT_A_VISIT = 500;

    /** Vital signs in the order clinicians read them out; others follow by name. */
    private static final List<String> VITAL_SIGN_ORDER = List.of("85354-9", "8480-6", "8462-4", "8867-4", "9279-1",
            "59408-5", "2708-6", "8310-5", "29463-7", "8302-2", "39156-5");

    /**
     * One visit.
     *
     * @param kind the type of visit in words ("Yearly check-up")
     * @param clinicians who the patient saw, as the EHR names them
     * @param reasons why: the reasons and diagnoses the visit gives, in words
     */
    public record Visit(UUID id, @Nullable Instant start, @Nullable Instant end, String kind, String clinicians,
            List<String> reasons) {}

    /** A vital sign taken at the visit; its result page shows the earlier values. */
    public record VitalSign(UUID id, String name, String value, String unit) {}

    /** A note or a test result of the visit, as a link to its own page. */
    public record Linked(UUID id, String name, @Nullable Instant when) {}

    /** The visits list; {@code more} when there are more than {@link #MOST}. */
    public record Listing(List<Visit> visits, boolean more, List<UUID> shown) {}

    /**
     * One visit and what was recorded at it.
     *
     * @param summary the visit summary's text for the patient; empty when there is none in text
     * @param shown every stored resource the page shows, for the record of who read what
     */
    public record Detail(Visit visit, List<VitalSign> vitalSigns, String summary, List<Linked> notes,
            List<Linked> results, List<UUID> shown) {}

    private final PatientRecords records;
    private final TestResults testResults;
    private final FhirContext fhir;

    Visits(PatientRecords records, TestResults testResults, FhirContext fhir) {
        this.records = records;
        this.testResults = testResults;
        this.fhir = fhir;
    }

    /** The patient's visits, newest first. */
    public Listing list(Viewing viewing) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.ofType(viewing, "Encounter", null, MOST + 1);
        Map<PatientRecords.Entry, Encounter> read = new LinkedHashMap<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            Encounter encounter = parser.parseResource(Encounter.class, entry.json());
            if (encounter.getStatus() != Encounter.EncounterStatus.ENTEREDINERROR) {
                read.put(entry, encounter);
            }
        }
        Map<UUID, String> conditions = conditions(viewing, List.copyOf(read.values()), parser);
        List<Visit> visits = new ArrayList<>();
        Set<UUID> shown = new LinkedHashSet<>();
        read.forEach((entry, encounter) -> {
            visits.add(visit(entry, encounter, conditions));
            shown.add(entry.id());
        });
        shown.addAll(conditions.keySet());
        return new Listing(visits, entries.size() > MOST, List.copyOf(shown));
    }

    /** One visit of the patient's; empty when the id is not one of their visits. */
    public Optional<Detail> detail(Viewing viewing, UUID id) {
        Optional<PatientRecords.Entry> found = records.find(viewing, id).filter(e -> "Encounter".equals(e.resourceType()));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IParser parser = fhir.newJsonParser();
        Encounter encounter = parser.parseResource(Encounter.class, found.get().json());
        if (encounter.getStatus() == Encounter.EncounterStatus.ENTEREDINERROR) {
            return Optional.empty();
        }
        Map<UUID, String> conditions = conditions(viewing, List.of(encounter), parser);
        Set<UUID> shown = new LinkedHashSet<>();
        shown.add(id);
        shown.addAll(conditions.keySet());
        List<PatientRecords.Hold> holds = testResults.holdsNow();
        List<Taken> vitalSigns = new ArrayList<>();
        List<Linked> notes = new ArrayList<>();
        List<Linked> results = new ArrayList<>();
        String summary = "";
        for (PatientRecords.Entry entry : records.ofVisit(viewing, id, MOST_AT_A_VISIT)) {
            if (!viewing.mayRead(RecordAreas.areaOf(entry))) {
                // A caregiver limited to the record (not results) sees the visit without its test results.
                continue;
            }
            Resource resource = (Resource) parser.parseResource(entry.json());
            switch (resource) {
                case Observation o when !PatientRecords.held(entry, holds) && "vital-signs".equals(entry.category()) -> {
                    vitalSigns.add(Taken.of(entry.code(),
                            new VitalSign(entry.id(), Readings.words(o.getCode()), Readings.value(o), Readings.unit(o))));
                    shown.add(entry.id());
                }
                case Observation o when !PatientRecords.held(entry, holds) -> {
                    results.add(new Linked(entry.id(), Readings.words(o.getCode()), entry.effectiveAt()));
                    shown.add(entry.id());
                }
                // A laboratory report's values are listed one by one; other reports (imaging) are results themselves.
                case DiagnosticReport r when !PatientRecords.held(entry, holds) && !"LAB".equalsIgnoreCase(entry.category()) -> {
                    results.add(new Linked(entry.id(), Readings.words(r.getCode()), entry.effectiveAt()));
                    shown.add(entry.id());
                }
                case DocumentReference d when ClinicalNotes.readable(d) && isSummary(entry) -> {
                    String text = ClinicalNotes.text(d);
                    if (summary.isEmpty() && !text.isBlank()) {
                        summary = text;
                        shown.add(entry.id());
                    }
                }
                case DocumentReference d when ClinicalNotes.readable(d) && !isSummary(entry) -> {
                    notes.add(new Linked(entry.id(), Readings.words(d.getType()), entry.effectiveAt()));
                    shown.add(entry.id());
                }
                default -> {
                }
            }
        }
        vitalSigns.sort(Comparator.comparingInt(Taken::rank).thenComparing(t -> t.sign().name()));
        return Optional.of(new Detail(visit(found.get(), encounter, conditions),
                vitalSigns.stream().map(Taken::sign).toList(), summary, notes, results, List.copyOf(shown)));
    }

    private static boolean isSummary(PatientRecords.Entry entry) {
        return PatientRecords.VISIT_SUMMARY.equals(entry.code());
    }

    private static Visit visit(PatientRecords.Entry entry, Encounter encounter, Map<UUID, String> conditions) {
        String kind = encounter.hasType() ? Readings.words(encounter.getType())
                : encounter.hasServiceType() ? Readings.words(encounter.getServiceType()) : "";
        String clinicians = encounter.getParticipant().stream().filter(p -> p.hasIndividual())
                .map(p -> p.getIndividual().getDisplay()).filter(name -> name != null && !name.isBlank())
                .distinct().collect(Collectors.joining(", "));
        Set<String> reasons = new LinkedHashSet<>();
        encounter.getReasonCode().forEach(code -> reasons.add(Readings.words(code)));
        encounter.getReasonReference().forEach(reference -> reasons.add(words(reference, conditions)));
        encounter.getDiagnosis().forEach(diagnosis -> reasons.add(words(diagnosis.getCondition(), conditions)));
        reasons.remove("");
        return new Visit(entry.id(), entry.effectiveAt(),
                encounter.getPeriod().hasEnd() ? encounter.getPeriod().getEnd().toInstant() : null, kind, clinicians,
                List.copyOf(reasons));
    }

    /** The words of the patient's conditions that these visits give as reasons or diagnoses, by id. */
    private Map<UUID, String> conditions(Viewing viewing, List<Encounter> encounters, IParser parser) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Encounter encounter : encounters) {
            encounter.getReasonReference().forEach(reference -> addCondition(ids, reference));
            encounter.getDiagnosis().forEach(diagnosis -> addCondition(ids, diagnosis.getCondition()));
        }
        return records.findAll(viewing, ids).stream().filter(e -> "Condition".equals(e.resourceType()))
                .collect(Collectors.toMap(PatientRecords.Entry::id,
                        e -> Readings.words(parser.parseResource(Condition.class, e.json()).getCode())));
    }

    private static void addCondition(Set<UUID> ids, Reference reference) {
        UUID id = PatientRecords.idIn(reference.getReference(), "Condition");
        if (id != null) {
            ids.add(id);
        }
    }

    private static String words(Reference reference, Map<UUID, String> conditions) {
        UUID id = PatientRecords.idIn(reference.getReference(), "Condition");
        String found = id == null ? null : conditions.get(id);
        return found != null ? found : reference.getDisplay() == null ? "" : reference.getDisplay();
    }

    /** A vital sign with its place among the others. */
    private record Taken(int rank, VitalSign sign) {

        static Taken of(@Nullable String code, VitalSign sign) {
            int at = code == null ? -1 : VITAL_SIGN_ORDER.indexOf(code);
            return new Taken(at < 0 ? VITAL_SIGN_ORDER.size() : at, sign);
        }
    }
}
