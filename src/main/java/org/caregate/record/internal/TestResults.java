package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Viewing;
import org.caregate.record.internal.Readings.Flag;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's test results as the pages show them: newest first, grouped by the report (panel)
 * they came in, each with its value, unit, normal range and flag, marked new since the person's last
 * visit; and one result with its earlier values.
 */
@Service
public class TestResults {

    /** How many earlier values a result page shows and charts. */
    public static final int HISTORY = 200;

    /**
     * One result as a patient reads it.
     *
     * @param report an imaging or other report without separate values: its conclusion is the value
     * @param recent arrived within the time the care team may not have reviewed it yet
     */
    public record TestResult(UUID id, String name, String value, String unit, String range, Flag flag,
            @Nullable Instant when, boolean isNew, boolean recent, boolean report) {}

    /** Results that arrived together: a panel ("Lipid panel") or a single test. */
    public record Group(String name, @Nullable Instant when, List<TestResult> results) {

        public boolean anyNew() {
            return results.stream().anyMatch(TestResult::isNew);
        }
    }

    /** A page of the results list. */
    public record Page(List<Group> groups, boolean more, List<UUID> shown) {}

    /**
     * One result and the same test's earlier values, oldest first for the chart.
     *
     * @param text a report's full text (imaging), else empty
     */
    public record Detail(TestResult result, String text, List<TestResult> history, List<Point> trend,
            @Nullable BigDecimal low, @Nullable BigDecimal high) {}

    /** A numeric value in time, for the trend chart. */
    public record Point(Instant when, BigDecimal value, Flag flag) {}

    private final PatientRecords records;
    private final RecordReaders readers;
    private final ResultSettings settings;
    private final Organizations organizations;
    private final FhirContext fhir;
    private final Clock clock;

    TestResults(PatientRecords records, RecordReaders readers, ResultSettings settings, Organizations organizations,
            FhirContext fhir, Clock clock) {
        this.records = records;
        this.readers = readers;
        this.settings = settings;
        this.organizations = organizations;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** A page of results, newest first. Page numbers start at 1. */
    public Page page(AccountId reader, Viewing viewing, int page, int size) {
        Instant now = clock.instant();
        List<PatientRecords.Hold> holds = holds(now);
        int offset = (Math.max(page, 1) - 1) * size;
        List<PatientRecords.Entry> entries = records.results(viewing, holds, offset, size + 1);
        boolean more = entries.size() > size;
        entries = entries.subList(0, Math.min(size, entries.size()));
        if (entries.isEmpty()) {
            return new Page(List.of(), false, List.of());
        }
        Instant newSince = newSince(reader, now);
        IParser parser = fhir.newJsonParser();
        // The panels the page's results came in: reports dated within the page's span.
        Map<String, Panel> panelOf = panels(viewing, entries, parser);
        Map<String, Group> groups = new LinkedHashMap<>();
        List<UUID> shown = new ArrayList<>();
        for (PatientRecords.Entry entry : entries) {
            TestResult result = result(entry, parser, newSince, now);
            Panel panel = panelOf.get(entry.id().toString());
            String key = panel == null ? entry.id().toString() : panel.id().toString();
            String name = panel == null ? result.name() : panel.name();
            groups.computeIfAbsent(key, k -> new Group(name, result.when(), new ArrayList<>())).results().add(result);
            shown.add(entry.id());
            if (panel != null && !shown.contains(panel.id())) {
                shown.add(panel.id());
            }
        }
        return new Page(List.copyOf(groups.values()), more, shown);
    }

    /** One result of the patient's with its earlier values; empty when it is not theirs or still held back. */
    public Optional<Detail> detail(AccountId reader, Viewing viewing, UUID id) {
        Instant now = clock.instant();
        List<PatientRecords.Hold> holds = holds(now);
        // A vital sign opens here too, but is part of the record, not of the results: each for a caregiver who may read it.
        Optional<PatientRecords.Entry> found = records.find(viewing, id)
                .filter(e -> isResult(e) && !PatientRecords.held(e, holds) && viewing.mayRead(RecordAreas.areaOf(e)));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PatientRecords.Entry entry = found.get();
        Instant newSince = newSince(reader, now);
        IParser parser = fhir.newJsonParser();
        TestResult result = result(entry, parser, newSince, now);
        Resource resource = (Resource) parser.parseResource(entry.json());
        if (resource instanceof DiagnosticReport report) {
            String text = report.getPresentedForm().stream().map(Readings::text).filter(t -> !t.isBlank())
                    .findFirst().orElse(report.getConclusion() == null ? "" : report.getConclusion());
            return Optional.of(new Detail(result, text, List.of(), List.of(), null, null));
        }
        List<TestResult> history = new ArrayList<>();
        List<Point> trend = new ArrayList<>();
        if (entry.code() != null) {
            for (PatientRecords.Entry earlier : records.sameCode(viewing, entry.resourceType(), entry.code(), HISTORY)) {
                if (PatientRecords.held(earlier, holds)) {
                    continue;
                }
                Observation observation = (Observation) parser.parseResource(earlier.json());
                history.add(result(earlier, observation, newSince, now));
                BigDecimal number = Readings.number(observation);
                if (number != null && earlier.effectiveAt() != null) {
                    trend.add(new Point(earlier.effectiveAt(), number, Readings.flag(observation)));
                }
            }
        }
        Observation observation = (Observation) resource;
        var range = observation.getReferenceRangeFirstRep();
        return Optional.of(new Detail(result, "", history, trend.reversed(),
                range.hasLow() && range.getLow().hasValue() ? range.getLow().getValue() : null,
                range.hasHigh() && range.getHigh().hasValue() ? range.getHigh().getValue() : null));
    }

    /** How many results arrived since the person's last visit (or recently, on a first visit). */
    public int newCount(AccountId reader, Viewing viewing) {
        Instant now = clock.instant();
        Instant since = newSince(reader, now);
        return records.resultsStoredSince(viewing, holds(now), since);
    }

    /** The newest results, for the home page. */
    public List<TestResult> newest(AccountId reader, Viewing viewing, int limit) {
        Instant now = clock.instant();
        Instant since = newSince(reader, now);
        IParser parser = fhir.newJsonParser();
        return records.results(viewing, holds(now), 0, limit).stream().map(e -> result(e, parser, since, now)).toList();
    }

    static boolean isResult(PatientRecords.Entry entry) {
        return "Observation".equals(entry.resourceType()) || "DiagnosticReport".equals(entry.resourceType());
    }

    /** A report that groups results, parsed once per page however many of its results are shown. */
    private record Panel(UUID id, String name) {}

    private Map<String, Panel> panels(Viewing viewing, List<PatientRecords.Entry> entries,
            IParser parser) {
        Instant oldest = null;
        Instant newest = null;
        for (PatientRecords.Entry entry : entries) {
            if ("Observation".equals(entry.resourceType()) && entry.effectiveAt() != null) {
                oldest = oldest == null || entry.effectiveAt().isBefore(oldest) ? entry.effectiveAt() : oldest;
                newest = newest == null || entry.effectiveAt().isAfter(newest) ? entry.effectiveAt() : newest;
            }
        }
        Map<String, Panel> panelOf = new HashMap<>();
        if (oldest == null) {
            return panelOf;
        }
        for (PatientRecords.Entry report : records.between(viewing, "DiagnosticReport", oldest, newest)) {
            DiagnosticReport parsed = (DiagnosticReport) parser.parseResource(report.json());
            Panel panel = new Panel(report.id(), Readings.words(parsed.getCode()));
            for (Reference member : parsed.getResult()) {
                String reference = member.getReference();
                if (reference != null && reference.startsWith("Observation/")) {
                    panelOf.put(reference.substring("Observation/".length()), panel);
                }
            }
        }
        return panelOf;
    }

    private TestResult result(PatientRecords.Entry entry, IParser parser, Instant newSince, Instant now) {
        Resource resource = (Resource) parser.parseResource(entry.json());
        if (resource instanceof Observation observation) {
            return result(entry, observation, newSince, now);
        }
        DiagnosticReport report = (DiagnosticReport) resource;
        return new TestResult(entry.id(), Readings.words(report.getCode()),
                report.getConclusion() == null ? "" : report.getConclusion(), "", "", Flag.NONE, entry.effectiveAt(),
                entry.firstStoredAt().isAfter(newSince), recent(entry, now), true);
    }

    private TestResult result(PatientRecords.Entry entry, Observation observation, Instant newSince, Instant now) {
        return new TestResult(entry.id(), Readings.words(observation.getCode()), Readings.value(observation),
                Readings.unit(observation), Readings.range(observation), Readings.flag(observation),
                entry.effectiveAt(), entry.firstStoredAt().isAfter(newSince), recent(entry, now), false);
    }

    private boolean recent(PatientRecords.Entry entry, Instant now) {
        return entry.firstStoredAt().isAfter(now.minus(settings.notReviewedFor()));
    }

    private Instant newSince(AccountId reader, Instant now) {
        return readers.previousSignIn(reader).orElse(now.minus(settings.newFor()));
    }

    /** What organisations hold back now: a visit's vital signs and tests wait like any other result. */
    List<PatientRecords.Hold> holdsNow() {
        return holds(clock.instant());
    }

    private List<PatientRecords.Hold> holds(Instant now) {
        return settings.holds(organizations.all().stream().map(Organization::id).toList(), now);
    }
}
