package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.caregate.IntegrationTest;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** An organisation that holds a category of results back for a while: the list leaves them out until then. */
@IntegrationTest
class ResultHoldsIntegrationTests {

    @Autowired
    PatientRecords records;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Test
    void heldResultsStayOutOfTheListUntilTheirTimeAndOtherCategoriesAndOrganisationsAreNotHeld() {
        var record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        String org = record.organizationId();
        var patient = Viewing.own(AccountId.random(), record.patient().id(), org);
        List<PatientRecords.Entry> all = records.results(patient, List.of(), 0, 1_000);
        assertThat(all).anyMatch(e -> "laboratory".equals(e.category()));

        // Imported a moment ago: a three-day hold of blood tests at this organisation hides them all.
        Instant now = Instant.now();
        var labsHeld = new PatientRecords.Hold(org, "laboratory", now.minus(Duration.ofDays(3)));
        List<PatientRecords.Entry> shown = records.results(patient, List.of(labsHeld), 0, 1_000);
        assertThat(shown).noneMatch(e -> "laboratory".equals(e.category()));
        assertThat(shown).hasSize((int) all.stream().filter(e -> !"laboratory".equals(e.category())).count());
        assertThat(records.resultsStoredSince(patient, List.of(labsHeld), now.minus(Duration.ofDays(1))))
                .isEqualTo(shown.size());
        assertThat(PatientRecords.held(all.getFirst(), List.of(labsHeld)))
                .isEqualTo("laboratory".equals(all.getFirst().category()));

        // Three days later the same hold no longer covers them; another organisation's hold never did.
        // (Three days on, "stored after now - 3 days" is a moment after the import.)
        var threeDaysOn = new PatientRecords.Hold(org, "LABORATORY", now.plusSeconds(60));
        assertThat(records.results(patient, List.of(threeDaysOn), 0, 1_000)).hasSize(all.size());
        assertThat(records.results(patient, List.of(new PatientRecords.Hold("elsewhere", "laboratory",
                now.minus(Duration.ofDays(3)))), 0, 1_000)).hasSize(all.size());
    }

    @Test
    void anOrganisationsOwnDelayOverridesTheDefaultAndZeroMeansNoHold() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        var settings = new ResultSettings(Map.of("laboratory", Duration.ofDays(1)),
                Map.of("clinic", Map.of("laboratory", Duration.ofDays(3), "RAD", Duration.ZERO)), Duration.ofDays(14),
                Duration.ofDays(14));

        assertThat(settings.holds(List.of("clinic", "health-system"), now)).containsExactlyInAnyOrder(
                new PatientRecords.Hold("clinic", "laboratory", now.minus(Duration.ofDays(3))),
                new PatientRecords.Hold("health-system", "laboratory", now.minus(Duration.ofDays(1))));
        assertThat(new ResultSettings(null, null, Duration.ofDays(14), Duration.ofDays(14)).holds(List.of("clinic"), now))
                .isEmpty();
    }
}
