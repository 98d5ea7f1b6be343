package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordImport;
import org.caregate.record.TestRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient invites someone to see their test results; the invitee reads the code from the e-mail,
 * creates an account on the spot, signs in, sees the patient's results and is refused their
 * medications.
 */
class CaregiverJourneyTests extends BrowserJourney {

    private static final Pattern CODE = Pattern.compile("\\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\\b");
    private static final String NEW_PASSWORD = "lantern-quiet-harbor-77";

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Test
    void anInviteeWithANewAccountSeesOnlyWhatWasGranted() {
        var record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord();
        String org = record.organizationId();
        String email = "helper-" + TestPatients.tag() + "@example.net";

        signIn(org, record.account().username(), TestPatients.PASSWORD);
        checkPage("patient-home");
        byRole(AriaRole.LINK, "Who can see your record, and people you help").click();
        checkPage("sharing");
        byRole(AriaRole.LINK, "Invite someone").click();
        checkPage("invite");
        byRole(AriaRole.TEXTBOX, "Their name").fill("Maria Lopez");
        byRole(AriaRole.TEXTBOX, "Their e-mail address").fill(email);
        byRole(AriaRole.RADIO, "Adult child").check();
        byRole(AriaRole.RADIO, "Only the parts I choose below").check();
        page.locator("#area-RESULTS-read").check();
        byRole(AriaRole.BUTTON, "Send the invitation").click();
        checkPage("invited");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("We sent an invitation to Maria Lopez");
        String code = codeSentTo(email);
        page.locator("form.sign-out button").first().click();
        checkPage("signed-out");

        visit("/" + org + "/invitation");
        checkPage("invitation-code");
        byRole(AriaRole.TEXTBOX, "Invitation code").fill(code.toLowerCase());
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("invitation");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("invited you to help with their care");
        byRole(AriaRole.LINK, "Create an account").click();
        checkPage("invitation-account");
        String username = "maria-" + TestPatients.tag();
        byRole(AriaRole.TEXTBOX, "Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(NEW_PASSWORD);
        byRole(AriaRole.BUTTON, "Create my account and accept").click();
        checkPage("account-ready");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Your account is ready");

        signIn(org, username, NEW_PASSWORD);
        checkPage("caregiver-home");
        assertThat(page.locator(".viewing-bar")).containsText(record.patient().givenNames());
        byRole(AriaRole.LINK, "Test results").first().click();
        checkPage("caregiver-results");
        assertThat(page).hasURL(Pattern.compile("/" + org + "/results$"));
        visit("/" + org + "/medications", 403);
        checkPage("caregiver-medications-refused");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("This page is not part of your access");
    }

    private void signIn(String organizationId, String username, String password) {
        visit("/" + organizationId + "/sign-in");
        checkPage(username.startsWith("maria") ? "caregiver-sign-in" : "patient-sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        byRole(AriaRole.BUTTON, "Sign in").click();
        assertThat(page).hasURL(Pattern.compile("/" + organizationId + "/home"));
    }

    /** The invitation code in the newest e-mail to this address, once the outbox delivered it. */
    private String codeSentTo(String email) {
        AtomicReference<String> code = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Matcher message = Pattern.compile("\"to\":\"" + Pattern.quote(email) + "\"[^}]*?\"body\":\"([^\"]*)\"")
                    .matcher(outboxJson());
            if (message.find()) {
                Matcher found = CODE.matcher(message.group(1));
                if (found.find()) {
                    code.set(found.group(1));
                }
            }
            return !code.get().isEmpty();
        });
        return code.get();
    }
}
