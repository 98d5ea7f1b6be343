package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordSearch;
import org.caregate.record.RecordView;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.springframework.stereotype.Service;

/**
 * {@link RecordSearch} over the record store: the criteria as SQL on the search columns
 * ({@link SearchConditions}), with the rules the pages follow — the patient named in every query,
 * confidential items as the viewing says, results an organisation holds back, the caregiver's areas.
 */
@Service
class RecordSearches implements RecordSearch {

    private final PatientRecords records;
    private final PatientRegistry registry;
    private final Organizations organizations;
    private final ResultSettings settings;
    private final RecordAccess access;
    private final FhirContext fhir;
    private final Clock clock;

    RecordSearches(PatientRecords records, PatientRegistry registry, Organizations organizations, ResultSettings settings,
            RecordAccess access, FhirContext fhir, Clock clock) {
        this.records = records;
        this.registry = registry;
        this.organizations = organizations;
        this.settings = settings;
        this.access = access;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Override
    public Optional<Found> read(Viewing viewing, String resourceType, UUID id) {
        if (!TYPES.contains(resourceType)) {
            return Optional.empty();
        }
        List<PatientRecords.Hold> holds = holds();
        Optional<Found> found = records.find(viewing, id)
                .filter(entry -> entry.resourceType().equals(resourceType))
                .filter(entry -> shown(entry, viewing, holds))
                .map(entry -> withResultsShown(List.of(entry), viewing, holds).getFirst());
        found.ifPresent(f -> access.viewed(viewing, RecordView.FHIR_API, List.of(f.id())));
        return found;
    }

    @Override
    public Page search(Viewing viewing, Query query) {
        if (!TYPES.contains(query.resourceType())) {
            throw new IllegalArgumentException("Not a type the record holds: " + query.resourceType());
        }
        List<PatientRecords.Hold> holds = holds();
        SearchConditions.Sql conditions = SearchConditions.of(query.resourceType(), query.criteria(),
                RecordAreas.sql(query.resourceType(), viewing));
        // One more than a page says whether another page follows, without counting them all.
        List<PatientRecords.Entry> entries = records.matching(viewing, holds, query.resourceType(), conditions,
                query.offset(), query.count() + 1);
        boolean more = entries.size() > query.count();
        Page page = new Page(withResultsShown(more ? entries.subList(0, query.count()) : entries, viewing, holds), more);
        access.viewed(viewing, RecordView.FHIR_API, page.ids());
        return page;
    }

    @Override
    public Optional<org.hl7.fhir.r4.model.Patient> patient(Viewing viewing) {
        return registry.find(viewing.patient()).map(patient -> RecordBundle.patient(patient, viewing.organizationId()));
    }

    private boolean shown(PatientRecords.Entry entry, Viewing viewing, List<PatientRecords.Hold> holds) {
        return !PatientRecords.held(entry, holds) && viewing.mayRead(RecordAreas.areaOf(entry));
    }

    /**
     * The entries as FHIR JSON; a report lists only the results this viewing may be shown, as in the
     * download: one held back, confidential or outside a caregiver's areas is not named.
     */
    private List<Found> withResultsShown(List<PatientRecords.Entry> entries, Viewing viewing,
            List<PatientRecords.Hold> holds) {
        IParser parser = fhir.newJsonParser();
        List<DiagnosticReport> reports = new ArrayList<>();
        for (PatientRecords.Entry entry : entries) {
            if (entry.resourceType().equals("DiagnosticReport")) {
                reports.add(parser.parseResource(DiagnosticReport.class, entry.json()));
            }
        }
        Set<UUID> named = reports.stream().flatMap(report -> report.getResult().stream())
                .map(result -> PatientRecords.idIn(result.getReference(), "Observation"))
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> shown = records.findAll(viewing, named).stream().filter(entry -> shown(entry, viewing, holds))
                .map(entry -> "Observation/" + entry.id()).collect(Collectors.toSet());
        List<Found> found = new ArrayList<>(entries.size());
        var next = reports.iterator();
        for (PatientRecords.Entry entry : entries) {
            String json = entry.json();
            if (entry.resourceType().equals("DiagnosticReport")) {
                DiagnosticReport report = next.next();
                if (report.getResult().removeIf(result -> !shown.contains(result.getReference()))) {
                    json = parser.encodeResourceToString(report);
                }
            }
            found.add(new Found(entry.id(), entry.resourceType(), json));
        }
        return found;
    }

    private List<PatientRecords.Hold> holds() {
        return settings.holds(organizations.all().stream().map(Organization::id).toList(), clock.instant());
    }
}
