package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hl7.fhir.r4.model.Bundle;
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

    @Test
    void aPatientDownloadsTheirRecordAsAPdfAndAsAFhirFile() throws Exception {
        var record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        signIn(record.organizationId(), record.account().username());
        checkPage("home");

        byRole(AriaRole.LINK, "Download your record").click();
        checkPage("download");
        assertThat(byRole(AriaRole.HEADING, "The file holds your health information")).isVisible();

        Download pdf = page.waitForDownload(() -> byRole(AriaRole.LINK, "Download the PDF").click());
        byte[] pdfBytes = Files.readAllBytes(pdf.path());
        org.assertj.core.api.Assertions.assertThat(new String(pdfBytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        org.assertj.core.api.Assertions.assertThat(pdf.suggestedFilename()).matches("health-record-\\d{4}-\\d{2}-\\d{2}\\.pdf");
        try (var document = Loader.loadPDF(pdfBytes)) {
            org.assertj.core.api.Assertions.assertThat(new PDFTextStripper().getText(document))
                    .contains(record.patient().familyName());
        }

        Download fhir = page.waitForDownload(() -> byRole(AriaRole.LINK, "Download the FHIR file (JSON)").click());
        var bundle = FhirContext.forR4Cached().newJsonParser()
                .parseResource(Bundle.class, Files.readString(fhir.path()));
        // The registry's Patient, then every resource the import stored (the bundle's own Patient is the same person).
        org.assertj.core.api.Assertions.assertThat(bundle.getEntry()).hasSize(record.bundle().getEntry().size());
        org.assertj.core.api.Assertions.assertThat(fhir.suggestedFilename()).endsWith(".json");
    }

    private void signIn(String organizationId, String username) {
        visit("/" + organizationId + "/sign-in");
        checkPage("sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
    }
}
