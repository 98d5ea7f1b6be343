package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A browser that refuses cookies is told so in plain words, with the steps, instead of looping back to sign-in. */
class CookieHelpJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void withCookiesBlockedSigningInExplainsHowToAllowThem() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");
        // As a browser set to block cookies behaves: it keeps none of those the page set.
        page.context().clearCookies();

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();

        checkPage("cookies-blocked");
        assertThat(page).hasURL(Pattern.compile("/help/cookies$"));
        assertThat(byRole(AriaRole.HEADING, "Your browser is blocking cookies")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Find the cookies setting.");

        byRole(AriaRole.LINK, "More help with signing in").click();
        checkPage("sign-in-help");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Have these ready when you call");
    }
}
