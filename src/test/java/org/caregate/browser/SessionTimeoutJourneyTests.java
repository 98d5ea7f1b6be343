package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Before an idle session ends, the page warns in words a screen reader announces, and "Stay signed in" keeps it. */
@TestPropertySource(properties = {"server.servlet.session.timeout=70s", "caregate.session.idle-warning=66s"})
class SessionTimeoutJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void theIdleWarningAppearsAndStaySignedInKeepsTheSession() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");

        var warning = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(warning).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        assertThat(warning).containsText("Are you still there?");
        assertThat(warning).isFocused();
        checkPage("idle-warning");

        byRole(warning, AriaRole.BUTTON, "Stay signed in").click();
        assertThat(warning).isHidden();
        visit("/clinic/home");
        checkPage("home-after-staying");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Welcome");
    }
}
