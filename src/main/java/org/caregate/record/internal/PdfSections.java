package org.caregate.record.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caregate.record.internal.PdfPages.Cell;
import org.caregate.record.internal.PdfPages.Column;
import org.caregate.record.internal.Readings.Flag;
import org.caregate.record.internal.RecordDownloads.Contents;
import org.caregate.record.internal.RecordDownloads.Item;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * The sections of the PDF, in the order of a patient summary: who it is for, health issues,
 * medications, allergies, immunizations, test results, then visits (with what was measured and
 * their summaries), notes, and anything else, so nothing in the record is left out. The resources are
 * sorted into sections once; each document gets its own.
 */
final class PdfSections {

    private static final String LOINC = "http://loinc.org";
    /** LOINC "Summary of episode note": the visit summary, printed with its visit. */
    private static final String VISIT_SUMMARY = "34133-9";

    private final PdfPages pages;
    private final PdfWords text;
    private final Contents contents;
    private final Map<String, Resource> byReference = new HashMap<>();
    private final Map<String, List<Observation>> measuredAt = new HashMap<>();
    private final Map<String, List<DocumentReference>> summariesOf = new HashMap<>();
    private final Set<Resource> shown = Collections.newSetFromMap(new IdentityHashMap<>());

    PdfSections(PdfPages pages, PdfWords text, Contents contents) {
        this.pages = pages;
        this.text = text;
        this.contents = contents;
        for (Item item : contents.items()) {
            byReference.put(item.entry().resourceType() + "/" + item.entry().id(), item.resource());
        }
        for (Item item : contents.items()) {
            if (item.resource() instanceof Observation o && isVitalSign(o) && visit(o.getEncounter()) != null) {
                measuredAt.computeIfAbsent(o.getEncounter().getReference(), k -> new ArrayList<>()).add(o);
            }
            if (item.resource() instanceof DocumentReference d && isVisitSummary(d)
                    && visit(d.getContext().getEncounterFirstRep()) != null) {
                summariesOf.computeIfAbsent(d.getContext().getEncounterFirstRep().getReference(),
                        k -> new ArrayList<>()).add(d);
            }
        }
    }

    void write() throws IOException {
        var patient = contents.patient();
        pages.title(text.get("pdf.title"));
        pages.labelled(text.get("pdf.name"), patient.legalName());
        pages.labelled(text.get("pdf.born"), text.day(patient.dateOfBirth()));
        pages.labelled(text.get("pdf.organization"), contents.organization().name());
        patient.recordNumberAt(contents.organization().id())
                .ifPresent(number -> labelled("pdf.recordNumber", number.value()));
        pages.labelled(text.get("pdf.made"), text.time(contents.madeAt()));
        pages.space(4);
        pages.paragraph(text.get("pdf.private"));

        healthIssues();
        medications();
        allergies();
        immunizations();
        results();
        visits();
        notes();
        others();
    }

    private void healthIssues() throws IOException {
        List<Condition> conditions = newestFirst(Condition.class);
        // What is still being followed comes first.
        conditions.sort(Comparator.comparing(c -> !"active".equals(status(c))));
        section("pdf.healthIssues", conditions, List.of(column("pdf.col.issue", 5), column("pdf.col.status", 2),
                column("pdf.col.since", 2)), c -> List.of(Cell.of(Readings.words(c.getCode())),
                Cell.of(text.code("pdf.status.", status(c), Readings.words(c.getClinicalStatus()))),
                Cell.of(text.when(c.hasOnset() ? c.getOnset() : c.getRecordedDateElement()))));
    }

    private void medications() throws IOException {
        List<MedicationRequest> requests = newestFirst(MedicationRequest.class);
        requests.sort(Comparator.comparing(m -> m.getStatus() != MedicationRequest.MedicationRequestStatus.ACTIVE));
        section("pdf.medications", requests, List.of(column("pdf.col.medication", 4), column("pdf.col.howToTake", 4.5f),
                column("pdf.col.status", 1.8f), column("pdf.col.prescribed", 2), column("pdf.col.refills", 1.9f)),
                m -> List.of(Cell.of(medicine(m)),
                        Cell.of(m.getDosageInstruction().stream().map(d -> d.getText()).filter(Objects::nonNull)
                                .collect(Collectors.joining("; "))),
                        Cell.of(m.getStatus() == null ? "" : text.code("pdf.status.", m.getStatus().toCode(),
                                m.getStatus().getDisplay())),
                        Cell.of(text.when(m.getAuthoredOnElement())),
                        Cell.of(m.getDispenseRequest().hasNumberOfRepeatsAllowed()
                                ? String.valueOf(m.getDispenseRequest().getNumberOfRepeatsAllowed()) : "")));
    }

    /** The medicine's words, from the request or the Medication it points at. */
    private String medicine(MedicationRequest request) {
        if (request.hasMedicationCodeableConcept()) {
            return Readings.words(request.getMedicationCodeableConcept());
        }
        Reference reference = request.getMedicationReference();
        if (byReference.get(reference.getReference()) instanceof Medication medication) {
            shown.add(medication);
            return Readings.words(medication.getCode());
        }
        return Objects.toString(reference.getDisplay(), "");
    }

    private void allergies() throws IOException {
        section("pdf.allergies", newestFirst(AllergyIntolerance.class), List.of(column("pdf.col.allergy", 4),
                column("pdf.col.reaction", 4), column("pdf.col.risk", 2), column("pdf.col.status", 2)),
                a -> List.of(Cell.of(Readings.words(a.getCode())),
                        Cell.of(a.getReaction().stream().map(r -> Readings.words(r.getManifestation()))
                                .filter(w -> !w.isBlank()).collect(Collectors.joining("; "))),
                        Cell.of(a.getCriticality() == null ? "" : text.code("pdf.risk.",
                                a.getCriticality().toCode(), a.getCriticality().getDisplay())),
                        Cell.of(text.code("pdf.status.", a.getClinicalStatus().getCodingFirstRep().getCode(),
                                Readings.words(a.getClinicalStatus())))));
    }

    private void immunizations() throws IOException {
        section("pdf.immunizations", newestFirst(Immunization.class), List.of(column("pdf.col.vaccine", 6),
                column("pdf.col.date", 2)), i -> List.of(Cell.of(vaccine(i)), Cell.of(text.when(i.getOccurrence()))));
    }

    /** A vaccine that was not given says so: a list of vaccines reads as a list of what was given. */
    private String vaccine(Immunization immunization) {
        String name = Readings.words(immunization.getVaccineCode());
        var status = immunization.getStatus();
        return status == null || status == Immunization.ImmunizationStatus.COMPLETED ? name
                : name + " (" + text.code("pdf.status.", status.toCode(), status.getDisplay()) + ")";
    }

    /** Every value, newest first; a report that holds values is only their grouping, so its values stand for it. */
    private void results() throws IOException {
        List<Resource> results = new ArrayList<>();
        for (Item item : contents.items()) {
            if (item.resource() instanceof Observation o && !measuredAt(o)) {
                results.add(o);
            } else if (item.resource() instanceof DiagnosticReport d && !d.hasResult()) {
                results.add(d);
            } else if (item.resource() instanceof DiagnosticReport d) {
                shown.add(d);
            }
        }
        // Newest first; a draw's results by name, so the same test is in the same place each time.
        results.sort(Comparator.comparing((Resource r) -> effective(r), Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(r -> name(r)));
        section("pdf.results", results, List.of(column("pdf.col.date", 2), column("pdf.col.test", 3.6f),
                column("pdf.col.result", 2.6f), column("pdf.col.range", 2.6f), column("pdf.col.flag", 2.4f)),
                this::resultRow);
        List<DiagnosticReport> reports = results.stream().filter(r -> r instanceof DiagnosticReport)
                .map(DiagnosticReport.class::cast)
                .filter(d -> d.getPresentedForm().stream().anyMatch(a -> !Readings.text(a).isBlank())).toList();
        if (!reports.isEmpty()) {
            pages.subheading(text.get("pdf.reports"));
            for (DiagnosticReport report : reports) {
                pages.labelled(Readings.words(report.getCode()), text.when(report.getEffective()));
                for (Attachment form : report.getPresentedForm()) {
                    pages.paragraph(Readings.text(form));
                }
            }
        }
    }

    /** Date, test, value with unit, range, flag; a report's conclusion stands as its value. */
    private List<Cell> resultRow(Resource result) {
        if (result instanceof DiagnosticReport report) {
            return List.of(Cell.of(text.when(report.getEffective())), Cell.of(name(report)),
                    Cell.of(Objects.toString(report.getConclusion(), "")), Cell.of(""), Cell.of(""));
        }
        var o = (Observation) result;
        Flag flag = Readings.flag(o);
        String range = Readings.range(o);
        return List.of(Cell.of(text.when(o.getEffective())), Cell.of(name(o)),
                Cell.of(join(Readings.value(o), Readings.unit(o))),
                Cell.of(range.isEmpty() ? "" : join(range, Readings.unit(o))),
                new Cell(o.hasValue() || o.hasComponent() ? text.get("results.flag." + flag) : "", flag != Flag.NONE));
    }

    private void visits() throws IOException {
        List<Encounter> visits = newestFirst(Encounter.class);
        pages.heading(text.get("pdf.visits"));
        if (visits.isEmpty()) {
            pages.paragraph(text.get("pdf.none"));
        }
        for (Encounter visit : visits) {
            shown.add(visit);
            String reference = "Encounter/" + visit.getIdElement().getIdPart();
            pages.subheading(dated(text.when(visit.getPeriod()), Readings.words(visit.getType())));
            pages.labelled(text.get("pdf.visit.with"), visit.getParticipant().stream()
                    .map(p -> p.getIndividual().getDisplay()).filter(Objects::nonNull).collect(Collectors.joining(", ")));
            List<String> reasons = new ArrayList<>();
            visit.getReasonCode().forEach(c -> reasons.add(Readings.words(c)));
            visit.getReasonReference().forEach(r -> reasons.add(
                    byReference.get(r.getReference()) instanceof Condition c ? Readings.words(c.getCode())
                            : Objects.toString(r.getDisplay(), "")));
            pages.labelled(text.get("pdf.visit.reason"), reasons.stream().filter(w -> !w.isBlank())
                    .distinct().collect(Collectors.joining(", ")));
            List<Observation> measured = measuredAt.getOrDefault(reference, List.of());
            shown.addAll(measured);
            pages.labelled(text.get("pdf.visit.measured"), measured.stream()
                    .map(o -> join(Readings.words(o.getCode()), Readings.value(o), Readings.unit(o)))
                    .sorted().collect(Collectors.joining("; ")));
            for (DocumentReference summary : summariesOf.getOrDefault(reference, List.of())) {
                shown.add(summary);
                pages.label(text.get("pdf.visit.summary"));
                pages.paragraph(documentText(summary));
            }
        }
    }

    private void notes() throws IOException {
        List<DocumentReference> notes = newestFirst(DocumentReference.class).stream()
                .filter(d -> !shown.contains(d)).toList();
        pages.heading(text.get("pdf.notes"));
        if (notes.isEmpty()) {
            pages.paragraph(text.get("pdf.none"));
        }
        for (DocumentReference note : notes) {
            shown.add(note);
            String title = note.hasDescription() ? note.getDescription() : Readings.words(note.getType());
            pages.subheading(dated(text.when(note.getDateElement()), title));
            pages.labelled(text.get("pdf.by"), note.getAuthor().stream().map(Reference::getDisplay)
                    .filter(Objects::nonNull).collect(Collectors.joining(", ")));
            pages.paragraph(documentText(note));
        }
    }

    /** What no section above showed: nothing in the record is left out of the PDF. */
    private void others() throws IOException {
        List<Resource> others = contents.items().stream().map(Item::resource).filter(r -> !shown.contains(r))
                .sorted(Comparator.comparing((Resource r) -> effective(r), Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        if (others.isEmpty()) {
            return;
        }
        pages.heading(text.get("pdf.other"));
        pages.table(List.of(column("pdf.col.date", 2), column("pdf.col.item", 6)), others.stream()
                .map(r -> List.of(Cell.of(text.when(date(r))), Cell.of(describe(r)))).toList());
    }

    private <T extends Resource> void section(String heading, List<T> resources, List<Column> columns,
            Function<T, List<Cell>> row) throws IOException {
        pages.heading(text.get(heading));
        if (resources.isEmpty()) {
            pages.paragraph(text.get("pdf.none"));
            return;
        }
        resources.forEach(shown::add);
        pages.table(columns, resources.stream().map(row).toList());
    }

    private <T extends Resource> List<T> newestFirst(Class<T> type) {
        return contents.items().stream().filter(item -> type.isInstance(item.resource()))
                .sorted(Comparator.comparing((Item item) -> item.entry().effectiveAt(),
                        Comparator.nullsLast(Comparator.reverseOrder())))
                .map(item -> type.cast(item.resource()))
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private @Nullable Instant effective(Resource resource) {
        Type date = date(resource);
        return date instanceof BaseDateTimeType d && d.getValue() != null ? d.getValue().toInstant()
                : date instanceof Period p && p.getStart() != null ? p.getStart().toInstant() : null;
    }

    private @Nullable Type date(Resource resource) {
        return switch (resource) {
            case Observation o -> o.getEffective();
            case DiagnosticReport d -> d.getEffective();
            case Procedure p -> p.getPerformed();
            case DocumentReference d -> d.getDateElement();
            case Encounter e -> e.getPeriod();
            default -> null;
        };
    }

    private static String name(Resource result) {
        return switch (result) {
            case Observation o -> Readings.words(o.getCode());
            case DiagnosticReport d -> Readings.words(d.getCode());
            default -> "";
        };
    }

    private String describe(Resource resource) {
        String words = switch (resource) {
            case Procedure p -> Readings.words(p.getCode());
            case Medication m -> Readings.words(m.getCode());
            default -> "";
        };
        return words.isBlank() ? resource.fhirType() : words;
    }

    private String documentText(DocumentReference document) {
        String written = document.getContent().stream().map(c -> Readings.text(c.getAttachment()))
                .filter(t -> !t.isBlank()).collect(Collectors.joining("\n\n"));
        return written.isBlank() ? text.get("pdf.notText") : written;
    }

    private boolean measuredAt(Observation observation) {
        return measuredAt.getOrDefault(observation.getEncounter().getReference(), List.of()).contains(observation);
    }

    private @Nullable Encounter visit(Reference reference) {
        return reference.getReference() != null && byReference.get(reference.getReference()) instanceof Encounter e
                ? e : null;
    }

    private void labelled(String key, String value) {
        try {
            pages.labelled(text.get(key), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Column column(String key, float share) {
        return new Column(text.get(key), share);
    }

    private static @Nullable String status(Condition condition) {
        return condition.getClinicalStatus().getCodingFirstRep().getCode();
    }

    private static boolean isVitalSign(Observation observation) {
        return observation.getCategory().stream().flatMap(c -> c.getCoding().stream())
                .anyMatch(c -> "vital-signs".equals(c.getCode()));
    }

    private static boolean isVisitSummary(DocumentReference document) {
        return document.getType().getCoding().stream()
                .anyMatch(c -> LOINC.equals(c.getSystem()) && VISIT_SUMMARY.equals(c.getCode()));
    }

    private static String dated(String day, String what) {
        return day.isEmpty() ? what : what.isEmpty() ? day : day + " – " + what;
    }

    private static String join(String... parts) {
        return Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).collect(Collectors.joining(" "));
    }
}
