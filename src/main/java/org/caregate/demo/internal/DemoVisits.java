package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.LOINC;
import static org.caregate.demo.internal.DemoChart.SNOMED;
import static org.caregate.demo.internal.DemoChart.concept;
import static org.caregate.demo.internal.DemoChart.dateTime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * Office visits (Encounter) over the years of the record: yearly check-ups, follow-ups of long-term
 * problems, visits for short illnesses, and counselling for a mental-health problem. Each has its
 * vital signs and a visit summary in plain words (DocumentReference, LOINC 34133-9); follow-ups
 * often a clinician's progress note (11506-3); the chest cold a chest X-ray report.
 */
final class DemoVisits {

    private static final String CLINICAL_NOTE = "http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category";
    private static final Set<DemoProblem> FOLLOWED = EnumSet.of(DemoProblem.HYPERTENSION, DemoProblem.TYPE_2_DIABETES,
            DemoProblem.PREDIABETES, DemoProblem.HYPERLIPIDEMIA, DemoProblem.ASTHMA);

    private enum Kind {
        CHECK_UP("185349003", "Encounter for check up (procedure)", "Yearly check-up"),
        WELL_CHILD("410620009", "Well child visit (procedure)", "Well-child visit"),
        FOLLOW_UP("390906007", "Follow-up encounter (procedure)", "Follow-up visit"),
        SYMPTOM("185345009", "Encounter for symptom (procedure)", "Visit for a health concern");

        final String code;
        final String display;
        final String text;

        Kind(String code, String display, String text) {
            this.code = code;
            this.display = display;
            this.text = text;
        }
    }

    private record Visit(LocalDateTime start, Kind kind, List<DemoProblem> reasons) {

        boolean counselling() {
            return reasons.stream().anyMatch(DemoProblem::restricted);
        }
    }

    private final DemoChart chart;
    private final Reference subject;
    private final DemoHealth health;
    private final Random random;
    private final DemoProblemList problemList;
    private final Map<DemoProblem, Reference> conditions;
    private final DemoVitals vitals;
    private final DemoVisitNotes notes;

    DemoVisits(DemoChart chart, Reference subject, DemoHealth health, Random random, DemoProblemList problemList,
            Map<DemoProblem, Reference> conditions) {
        this.chart = chart;
        this.subject = subject;
        this.health = health;
        this.random = random;
        this.problemList = problemList;
        this.conditions = conditions;
        this.vitals = new DemoVitals(chart, subject, health, random);
        this.notes = new DemoVisitNotes(health);
    }

    void write() {
        for (Visit visit : schedule()) {
            write(visit);
        }
    }

    private List<Visit> schedule() {
        List<Visit> visits = new ArrayList<>();
        long days = ChronoUnit.DAYS.between(health.from(), health.to());
        for (int year = 0; year * 365L < days; year++) {
            LocalDate start = health.from().plusDays(year * 365L);
            if (random.nextInt(100) < 85) {
                Kind checkUp = health.ageAt(start) < 18 ? Kind.WELL_CHILD : Kind.CHECK_UP;
                add(visits, start.plusDays(random.nextInt(60)), checkUp, List.of());
            }
            for (int k = 1; k <= 2; k++) {
                LocalDate day = start.plusDays(k * 120L + random.nextInt(60));
                List<DemoProblem> followed = FOLLOWED.stream().filter(p -> health.has(p, day)).toList();
                if (!followed.isEmpty()) {
                    add(visits, day, Kind.FOLLOW_UP, followed);
                }
            }
            if (random.nextInt(100) < 30) {
                DemoProblem illness = random.nextBoolean() ? DemoProblem.SORE_THROAT : DemoProblem.SINUSITIS;
                add(visits, start.plusDays(random.nextInt(365)), Kind.SYMPTOM, List.of(illness));
            }
        }
        for (DemoProblem mood : List.of(DemoProblem.ANXIETY, DemoProblem.DEPRESSION)) {
            LocalDate onset = health.onsets().get(mood);
            if (onset != null) {
                LocalDate day = onset.isBefore(health.from()) ? health.from().plusDays(random.nextInt(60)) : onset;
                for (; !day.isAfter(health.to()); day = day.plusDays(80 + random.nextInt(30))) {
                    add(visits, day, Kind.FOLLOW_UP, List.of(mood));
                }
            }
        }
        for (DemoProblem illness : List.of(DemoProblem.LOW_BACK_PAIN, DemoProblem.ACUTE_BRONCHITIS)) {
            LocalDate onset = health.onsets().get(illness);
            if (onset != null) {
                add(visits, onset, Kind.SYMPTOM, List.of(illness));
            }
        }
        visits.sort(Comparator.comparing(Visit::start));
        return visits;
    }

    /** A visit on a weekday, at a quarter-hour between 8:00 and 16:15, if it falls within the record. */
    private void add(List<Visit> visits, LocalDate day, Kind kind, List<DemoProblem> reasons) {
        LocalDate weekday = switch (day.getDayOfWeek()) {
            case SATURDAY -> day.minusDays(1);
            case SUNDAY -> day.plusDays(1);
            default -> day;
        };
        LocalDateTime start = weekday.atTime(8, 0).plusMinutes(15L * random.nextInt(34));
        if (!weekday.isBefore(health.from()) && !weekday.isAfter(health.to())) {
            visits.add(new Visit(start, kind, reasons));
        }
    }

    private void write(Visit visit) {
        boolean counselling = visit.counselling();
        String clinician = counselling ? DemoHealth.THERAPIST : health.clinician();
        LocalDateTime end = visit.start().plusMinutes(counselling ? 50 : 20 + 10 * random.nextInt(3));
        var encounter = new Encounter()
                .setStatus(Encounter.EncounterStatus.FINISHED)
                .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
                .addType(concept(SNOMED, visit.kind().code, visit.kind().display, visit.kind().text))
                .setSubject(subject.copy())
                .setPeriod(new Period().setStartElement(dateTime(visit.start())).setEndElement(dateTime(end)));
        encounter.addParticipant().setIndividual(new Reference().setDisplay(clinician));
        for (DemoProblem reason : visit.reasons()) {
            Reference condition = conditions.get(reason);
            if (condition == null) {
                // A short illness that is only known from this visit: its diagnosis is recorded here.
                LocalDate day = visit.start().toLocalDate();
                condition = problemList.condition(reason, day, day.plusDays(7 + random.nextInt(10)));
            }
            encounter.addReasonReference(condition.copy());
        }
        if (counselling) {
            encounter.getMeta().addSecurity(DemoChart.restricted());
        }
        Reference reference = chart.add(encounter);

        DemoVitals.Measured measured = counselling ? null : vitals.measure(reference, visit.start().plusMinutes(5),
                fever(visit.reasons()));
        String conclusion = visit.reasons().contains(DemoProblem.ACUTE_BRONCHITIS) ? chestXRay(visit, reference) : null;
        String summary = notes.summary(visit.kind().text, visit.start(), clinician, visit.reasons(), measured, conclusion);
        document("34133-9", "Summary of episode note", "Visit summary", summary, reference, end, clinician, counselling);
        if (visit.kind() == Kind.FOLLOW_UP && (counselling || random.nextInt(100) < 50)
                || visit.kind() == Kind.SYMPTOM && !visit.reasons().contains(DemoProblem.SORE_THROAT)) {
            String note = notes.progressNote(visit.start(), clinician, visit.reasons(), measured, conclusion);
            document("11506-3", "Progress note", "Progress note", note, reference, end.plusMinutes(30), clinician,
                    counselling);
        }
    }

    private static double fever(List<DemoProblem> reasons) {
        return reasons.contains(DemoProblem.ACUTE_BRONCHITIS) ? 1.3 : reasons.contains(DemoProblem.SORE_THROAT) ? 0.8 : 0;
    }

    private void document(String code, String display, String title, String text, Reference encounter,
            LocalDateTime at, String author, boolean restricted) {
        var document = new DocumentReference()
                .setStatus(Enumerations.DocumentReferenceStatus.CURRENT)
                .setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL)
                .setType(concept(LOINC, code, display, title))
                .addCategory(concept(CLINICAL_NOTE, "clinical-note", "Clinical Note"))
                .setSubject(subject.copy())
                .setDateElement(DemoChart.instant(at))
                .setDescription(title);
        document.addAuthor().setDisplay(author);
        document.addContent().setAttachment(DemoChart.text(title, text, at));
        document.getContext().addEncounter(encounter.copy());
        if (restricted) {
            document.getMeta().addSecurity(DemoChart.restricted());
        }
        chart.add(document);
    }

    /** The imaging report of the chest cold; returns its conclusion. */
    private String chestXRay(Visit visit, Reference encounter) {
        boolean asthma = health.has(DemoProblem.ASTHMA, visit.start().toLocalDate());
        int finding = random.nextInt(3);
        String conclusion = asthma && finding == 0 ? "Mild hyperinflation, as seen with asthma. No pneumonia."
                : finding == 1 ? "Mild peribronchial thickening, which can be seen with bronchitis. No pneumonia."
                : "No acute disease in the chest.";
        LocalDateTime taken = visit.start().plusMinutes(40);
        LocalDateTime read = taken.plusHours(2).plusMinutes(random.nextInt(90));
        String report = notes.chestXRayReport(taken, visit.start().toLocalDate(), conclusion, asthma && finding == 0,
                finding == 1);
        var diagnosticReport = new DiagnosticReport()
                .setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL)
                .addCategory(concept("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD", "Radiology"))
                .setCode(concept(LOINC, "36643-5", "XR Chest 2 Views", "Chest X-ray"))
                .setSubject(subject.copy())
                .setEncounter(encounter.copy())
                .setEffective(dateTime(taken))
                .setIssuedElement(DemoChart.instant(read))
                .setConclusion(conclusion);
        diagnosticReport.addResultsInterpreter().setDisplay(DemoHealth.RADIOLOGIST);
        diagnosticReport.addPresentedForm(DemoChart.text("Chest X-ray report", report, read));
        chart.add(diagnosticReport);
        return conclusion;
    }
}
