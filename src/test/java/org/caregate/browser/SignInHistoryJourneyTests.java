package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A patient checks their recent sign-ins, sees a try they did not make, and signs out of all devices. */
class SignInHistoryJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void aPatientReadsTheirSignInHistoryAndSignsOutOfAllDevices() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");

        byRole(AriaRole.LINK, "Recent sign-ins to your account").click();
        checkPage("sign-in-history");
        var table = page.getByRole(AriaRole.TABLE);
        assertThat(table).containsText("Signed in");
        assertThat(table).containsText("Password");
        assertThat(table).containsText(" on Linux");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Times are Central Time.");

        byRole(AriaRole.BUTTON, "Sign out of all devices").click();
        checkPage("signed-out-everywhere");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in\\?signed-out-everywhere$"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("You are signed out on every device");
    }
}
