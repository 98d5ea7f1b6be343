package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Set;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.apps.AppTokens;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient finds the app they connected on "Apps connected to your record" and disconnects it; an
 * administrator registers a server app, copies its secret, and disables it. Every page checked with
 * axe at phone and desktop width.
 */
class ConnectedAppsJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    Clients clients;

    @Test
    void aPatientSeesWhatTheirAppCanSeeAndDisconnectsIt() throws Exception {
        Account ana = patients.patientWithAccount("clinic");
        // The app was connected earlier, through the consent page, in another browser.
        int port = Integer.parseInt(baseUrl().substring(baseUrl().lastIndexOf(':') + 1));
        AppTokens apps = new AppTokens(port, clients);
        FormSession earlier = new FormSession(port);
        earlier.signIn("clinic", ana.username(), TestPatients.PASSWORD);
        apps.launch(earlier, apps.registerPublic("Pill Reminder"),
                "launch/patient patient/MedicationRequest.rs patient/AllergyIntolerance.rs", null);

        visit("/clinic/sign-in");
        checkPage("sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(ana.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        assertThat(page).hasURL(Pattern.compile("/clinic/home"));
        checkPage("home");
        byRole(AriaRole.LINK, "Apps connected to your record").click();
        checkPage("connected-apps");
        assertThat(byRole(AriaRole.HEADING, "Pill Reminder")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Medicines");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Allergies");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Never yet");

        byRole(AriaRole.LINK, "Disconnect").click();
        checkPage("disconnect");
        byRole(AriaRole.BUTTON, "Disconnect Pill Reminder now").click();
        checkPage("disconnected");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Pill Reminder can no longer see your record.");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("No apps are connected to your record.");

        visit("/clinic/apps?lang=es");
        checkPage("connected-apps-spanish");
        assertThat(byRole(AriaRole.HEADING, "Aplicaciones conectadas")).isVisible();
    }

    @Test
    void anAdministratorRegistersAServerAppCopiesItsSecretAndDisablesIt() {
        String username = "ad" + TestPatients.tag();
        accounts.openStaffAccount(username, username + "@staff.example", Set.of(StaffRole.ADMINISTRATOR),
                TestPatients.PASSWORD);
        String name = "Family Health " + TestPatients.tag();

        visit("/staff/sign-in");
        checkPage("staff-sign-in");
        byRole(AriaRole.TEXTBOX, "Network ID").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        assertThat(page).hasURL(Pattern.compile("/staff(\\?signed-in)?$"));
        checkPage("staff-home");
        byRole(AriaRole.LINK, "Apps").click();
        checkPage("apps");
        byRole(AriaRole.LINK, "Register an app").click();
        checkPage("register");

        // No kind chosen: said next to the question. Then an http address: said next to the addresses.
        byRole(AriaRole.TEXTBOX, "The app's name, as patients will see it").fill(name);
        expectRefusal("/staff/apps");
        byRole(AriaRole.BUTTON, "Register the app").click();
        checkPage("register-no-kind");
        assertThat(page.locator("#kind-error")).hasText("Choose what kind of app it is.");
        byRole(AriaRole.RADIO, "Server app with a secret").check();
        page.locator("#redirectUris").fill("http://family.example.org/callback");
        expectRefusal("/staff/apps");
        byRole(AriaRole.BUTTON, "Register the app").click();
        checkPage("register-http-address");
        assertThat(page.locator("#redirectUris-error")).containsText("does not start with https://");
        assertThat(page.locator("#redirectUris")).hasAttribute("aria-invalid", "true");

        byRole(AriaRole.RADIO, "Server app with a secret").check();
        page.locator("#redirectUris").fill("https://family.example.org/callback");
        byRole(AriaRole.BUTTON, "Register the app").click();
        checkPage("registered");
        assertThat(byRole(AriaRole.HEADING, "The app's secret: copy it now")).isVisible();
        assertThat(byRole(AriaRole.TEXTBOX, "Client secret")).hasValue(Pattern.compile("[A-Za-z0-9_-]{43}"));

        byRole(AriaRole.LINK, "Back to the apps").click();
        checkPage("apps-with-one");
        byRole(AriaRole.LINK, "Disable " + name).click();
        checkPage("disable");
        byRole(AriaRole.BUTTON, "Disable " + name + " now").click();
        checkPage("disabled");
        assertThat(page.getByRole(AriaRole.STATUS)).hasText(name + " is disabled. Its tokens no longer work.");
    }
}
