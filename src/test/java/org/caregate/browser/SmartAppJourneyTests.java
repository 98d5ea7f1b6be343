package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.apps.SmartScopes;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.AccountManagement;
import org.caregate.mfa.ProvedPhones;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.caregate.record.TestRecords.PatientWithRecord;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient connects an outside app: Results Viewer, a SMART app built on fhirclient (the SMART
 * client library from the npm registry), served from an origin of its own. From the app's page the
 * patient goes to their portal, signs in with their password and a texted code, allows the app to
 * see their test results, and the app reads their laboratory Observations from the FHIR API. A
 * patient who does not allow it sends the app back with {@code access_denied}.
 */
class SmartAppJourneyTests extends BrowserJourney {

    private static final String APP_NAME = "Results Viewer";

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ProvedPhones phones;

    @Autowired
    Clients clients;

    private SmartTestApp app;

    @BeforeAll
    static void fhirClientInstalled() {
        SmartTestApp.requireInstalled();
    }

    @BeforeEach
    void startApp() throws Exception {
        app = SmartTestApp.start();
        // Registered as a public app with its exact redirect URI, port included.
        String clientId = "results-viewer-" + UUID.randomUUID();
        clients.add(new Clients.App(UUID.randomUUID(), clientId, APP_NAME, Clients.Kind.PUBLIC, null,
                List.of(app.redirectUri()), List.copyOf(SmartScopes.patientReadScopes()), null, null, Instant.now(), null),
                null);
        app.connectTo(baseUrl() + "/fhir", clientId);
    }

    @AfterEach
    void stopApp() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aPatientSignsInWithATextedCodeAllowsTheAppAndItReadsTheirTestResults() {
        PatientWithRecord record = patientWhoSignsInWithATextedCode();
        signInFromTheApp(record, "allow");

        assertThat(byRole(AriaRole.HEADING, "Allow \u201c" + APP_NAME + "\u201d to see your record?")).isVisible();
        assertThat(byRole(AriaRole.CHECKBOX, "Test results and vital signs")).isChecked();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("you go back to the app at 127.0.0.1");
        byRole(AriaRole.BUTTON, "Allow").click();

        // fhirclient exchanges the code (PKCE) and reads every page of the search.
        page.waitForURL(Pattern.compile(Pattern.quote(app.origin() + "/index.html") + ".*"));
        page.waitForFunction("() => document.getElementById('status').dataset.count !== undefined"
                + " || document.getElementById('problem').textContent !== ''", null,
                new Page.WaitForFunctionOptions().setTimeout(20_000));
        assertThat(page.locator("#problem").textContent()).as("what the app reported").isEmpty();
        Locator status = page.getByRole(AriaRole.STATUS);
        assertThat(status).containsText(Pattern.compile("Read \\d+ laboratory test results"));
        checkPage("app-results");
        assertThat(page).hasURL(app.origin() + "/index.html");

        List<String> expected = laboratoryCodes(record.bundle());
        assertThat(status).hasAttribute("data-count", String.valueOf(expected.size()));
        List<String> read = page.locator("#results tbody tr").all().stream()
                .map(row -> row.getAttribute("data-code")).sorted().toList();
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void aPatientWhoDoesNotAllowTheAppSendsItBackWithAccessDenied() {
        PatientWithRecord record = patientWhoSignsInWithATextedCode();
        signInFromTheApp(record, "deny");

        byRole(AriaRole.BUTTON, "Don't allow").click();

        page.waitForURL(Pattern.compile(Pattern.quote(app.origin() + "/index.html?") + ".*error=access_denied.*"));
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("access_denied");
        checkPage("app-refused");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("The app could not read your test results.");
        assertThat(page.locator("#results")).isHidden();
    }

    /**
     * From the app's launch page to the consent page: the app sends the person to the portal, which
     * asks which organisation, then the password and the code texted to their phone.
     */
    private void signInFromTheApp(PatientWithRecord record, String pageName) {
        String org = record.organizationId();
        String orgName = organizations.all().stream().filter(o -> o.id().equals(org)).findFirst().orElseThrow().name();
        String phone = record.account().phone();
        String before = newestCodeNowTo(phone);

        page.navigate(app.launchPage());
        assertThat(byRole(AriaRole.BUTTON, "Connect to my patient portal")).isEnabled();
        checkPage(pageName + "-app-launch");
        byRole(AriaRole.BUTTON, "Connect to my patient portal").click();

        page.waitForURL(baseUrl() + "/");
        checkPage(pageName + "-choose-portal");
        byRole(byRole(AriaRole.TABLE, "Which portal to use"), AriaRole.LINK, orgName + " patient portal").click();
        page.waitForURL(baseUrl() + "/" + org + "/sign-in");
        checkPage(pageName + "-sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(record.account().username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();

        page.waitForURL(Pattern.compile(".*/" + org + "/sign-in/step/code$"));
        checkPage(pageName + "-texted-code");
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(newestCodeTo(phone, before));
        byRole(AriaRole.BUTTON, "Continue").click();

        page.waitForURL(Pattern.compile(".*/" + org + "/apps/consent\\?.*"));
        checkPage(pageName + "-consent");
    }

    /** A patient with a generated record and a mobile phone proved for codes, so sign-in asks for one. */
    private PatientWithRecord patientWhoSignsInWithATextedCode() {
        String tag = TestPatients.tag();
        PhoneNumber mobile = new PhoneNumber("+34622" + "%06d".formatted(Math.floorMod(tag.hashCode(), 1_000_000)),
                PhoneKind.MOBILE);
        PatientWithRecord record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord(
                bundle -> true, p -> new NewPatient(p.givenNames(), p.familyName(), p.dateOfBirth(), p.sex(), p.address(),
                        p.email(), p.preferredLanguage(), List.of(mobile), p.recordNumbers()));
        assertThat(phones.setIfNone(record.account().id(), mobile)).isTrue();
        return record;
    }

    /** The LOINC codes of the laboratory Observations in the record, sorted. */
    private static List<String> laboratoryCodes(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r instanceof Observation o
                        && "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode()))
                .map(o -> ((Observation) o).getCode().getCodingFirstRep().getCode())
                .sorted().toList();
    }
}
