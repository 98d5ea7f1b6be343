package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A signed-in patient opens their account settings, chooses e-mail in Spanish, and looks at the change pages. */
class AccountSettingsJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void aPatientChoosesHowTheyAreContactedAndFindsEveryChangePage() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");

        byRole(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")), AriaRole.LINK, "Account")
                .click();
        checkPage("account");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText(account.username());
        assertThat(byRole(AriaRole.LINK, "Recent sign-ins and signing out of other devices")).isVisible();

        byRole(AriaRole.LINK, "Change how we contact you").click();
        checkPage("preferences");
        byRole(AriaRole.RADIO, "By e-mail").check();
        byRole(AriaRole.RADIO, "Español").check();
        byRole(AriaRole.BUTTON, "Save my choices").click();
        checkPage("preferences-saved");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("Your choices are saved");

        byRole(AriaRole.LINK, "Change your phone number").click();
        checkPage("phone");
        byRole(AriaRole.TEXTBOX, "New phone number").fill("12");
        expectRefusal("/clinic/account/phone");
        byRole(AriaRole.BUTTON, "Send a code to this number").click();
        checkPage("phone-refused");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("That is not a phone number we can use");

        byRole(AriaRole.LINK, "Back to account settings").click();
        checkPage("account-again");
        byRole(AriaRole.LINK, "Change your e-mail address").click();
        checkPage("email");
        byRole(AriaRole.LINK, "Back to account settings").click();
        checkPage("account-third-time");
        byRole(AriaRole.LINK, "Change your password").click();
        checkPage("password");
        assertThat(page).hasURL(Pattern.compile("/clinic/account/password$"));
    }
}
