package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient with several years of record signs in, sees what is new on the home page, reads their
 * test results, opens one with its trend chart and table, and downloads their record.
 */
class HealthRecordJourneyTests extends BrowserJourney {

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Test
    void aPatientReadsTheirResultsAndTheTrendOfOne() {
        var record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        String org = record.organizationId();
        signIn(org, record.account().username());
        checkPage("home");
        assertThat(byRole(AriaRole.HEADING, "What's new")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("new test results");

        byRole(AriaRole.LINK, "Test results").first().click();
        checkPage("results");
        assertThat(page).hasURL(Pattern.compile("/" + org + "/results$"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Normal range");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("may not have reviewed");

        // A test the record holds many values of: hemoglobin A1c or, for a patient without it, hemoglobin.
        Observation repeated = record.bundle().getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Observation o && "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode()))
                .map(Observation.class::cast)
                .max(java.util.Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).orElseThrow();
        String name = repeated.getCode().hasText() ? repeated.getCode().getText() : repeated.getCode().getCodingFirstRep().getDisplay();
        byRole(AriaRole.LINK, name).first().click();
        checkPage("result-trend");
        assertThat(byRole(AriaRole.HEADING, name)).isVisible();
        Locator chart = page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(name + " over time"));
        assertThat(chart).isVisible();
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("(this result)");
        assertThat(page.getByRole(AriaRole.TABLE).getByRole(AriaRole.ROW)).not().hasCount(1);
    }

    private void signIn(String organizationId, String username) {
        visit("/" + organizationId + "/sign-in");
        checkPage("sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
    }
}
