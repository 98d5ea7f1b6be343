package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.ActivationCodes;
import org.caregate.patient.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A new patient with an activation letter creates their account, signs in and out. */
class SignUpJourneyTests extends BrowserJourney {

    private static final String PASSWORD = "juniper-tractor-lagoon-64";

    @Autowired
    TestPatients patients;

    @Autowired
    ActivationCodes activationCodes;

    @Test
    void aNewPatientSignsUpWithTheCodeFromTheirLetterAndSignsIn() {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        String username = "new-" + TestPatients.tag();

        visit("/clinic/sign-in");
        checkPage("sign-in");
        byRole(AriaRole.LINK, "Create an account").click();
        checkPage("sign-up");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-up$"));

        byRole(AriaRole.TEXTBOX, "First name(s)").fill(patient.givenNames());
        byRole(AriaRole.TEXTBOX, "Last name").fill(patient.familyName());
        byRole(AriaRole.TEXTBOX, "Day").fill("9");
        byRole(AriaRole.TEXTBOX, "Month").fill("4");
        byRole(AriaRole.TEXTBOX, "Year").fill("1916");
        byRole(AriaRole.TEXTBOX, "E-mail address").fill(patient.email());
        byRole(AriaRole.TEXTBOX, "Activation code (optional)").fill(code.toLowerCase());
        expectRefusal("/clinic/sign-up");
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("sign-up-refused");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("do not match a working activation code");

        byRole(AriaRole.TEXTBOX, "Year").fill("1961");
        byRole(AriaRole.TEXTBOX, "Activation code (optional)").fill(code.toLowerCase());
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("choose-username-and-password");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-up/account$"));

        byRole(AriaRole.TEXTBOX, "Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        byRole(AriaRole.BUTTON, "Create my account").click();
        checkPage("account-ready");
        assertThat(byRole(AriaRole.HEADING, "Your account is ready")).isVisible();

        byRole(page.getByRole(AriaRole.MAIN), AriaRole.LINK, "Sign in").click();
        checkPage("sign-in-with-new-account");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));

        byRole(AriaRole.BUTTON, "Sign out").click();
        checkPage("signed-out");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in\\?signed-out$"));

        // Signed out, the new account signs in again from the page it was left on.
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home-again");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
        assertThat(byRole(AriaRole.BUTTON, "Sign out")).isVisible();
    }
}
