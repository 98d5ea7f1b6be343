package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's health issues (Condition): the long-term problems on their problem list and the
 * diagnoses of their visits, current ones first, then past ones. A condition the EHR has ruled out
 * or entered in error is not one the patient has, and is left out.
 */
@Service
public class HealthIssues {

    /** The most conditions the page reads; the download holds every one. */
    public static final int MOST = 500;

    private static final Set<String> PAST = Set.of("inactive", "remission", "resolved");
    private static final Set<String> LEFT_OUT = Set.of("refuted", "entered-in-error");

    /**
     * A health issue as the page shows it.
     *
     * @param status the clinical status code ({@code active}, {@code recurrence}, {@code resolved}…); empty when not given
     * @param longTerm on the problem list, rather than the diagnosis of one visit
     */
    public record HealthIssue(UUID id, String name, @Nullable PartialDate since, @Nullable PartialDate resolved,
            String status, boolean longTerm) {}

    public record Listing(List<HealthIssue> current, List<HealthIssue> past, boolean more) {

        public List<UUID> shown() {
            List<UUID> shown = new ArrayList<>();
            current.forEach(i -> shown.add(i.id()));
            past.forEach(i -> shown.add(i.id()));
            return shown;
        }
    }

    private final PatientRecords records;
    private final FhirContext fhir;

    HealthIssues(PatientRecords records, FhirContext fhir) {
        this.records = records;
        this.fhir = fhir;
    }

    public Listing list(Viewing viewing) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.ofType(viewing, "Condition", null, MOST + 1);
        List<HealthIssue> current = new ArrayList<>();
        List<HealthIssue> past = new ArrayList<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            Condition condition = parser.parseResource(Condition.class, entry.json());
            if (LEFT_OUT.contains(code(condition.getVerificationStatus().getCodingFirstRep().getCode()))) {
                continue;
            }
            String status = code(condition.getClinicalStatus().getCodingFirstRep().getCode());
            PartialDate resolved = date(condition.getAbatement(), true);
            var issue = new HealthIssue(entry.id(), Readings.words(condition.getCode()), date(condition.getOnset(), false),
                    resolved, status, "problem-list-item".equals(entry.category()));
            // Without a clinical status, an end date says it is over.
            (PAST.contains(status) || status.isEmpty() && resolved != null ? past : current).add(issue);
        }
        return new Listing(current, past, entries.size() > MOST);
    }

    /** A dateTime, or a period's start (or end); ages, ranges and free text are not dates to show. */
    private static @Nullable PartialDate date(@Nullable Type value, boolean end) {
        return switch (value) {
            case BaseDateTimeType dateTime -> PartialDate.of(dateTime);
            case Period period -> PartialDate.of(end ? period.getEndElement() : period.getStartElement());
            case null, default -> null;
        };
    }

    private static String code(@Nullable String code) {
        return code == null ? "" : code;
    }
}
