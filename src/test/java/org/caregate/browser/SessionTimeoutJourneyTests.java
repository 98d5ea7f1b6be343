package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Before an idle session ends (20 minutes), the page warns in words a screen reader announces;
 * "Stay signed in" keeps the session and gives focus back; when time runs out the page goes to
 * sign-in saying why. The page's clock is moved (Playwright's fake clock), never waited for.
 */
class SessionTimeoutJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void theIdleWarningAppearsAndStaySignedInKeepsTheSession() {
        signIn();
        var history = byRole(AriaRole.LINK, "Recent sign-ins to your account");
        history.focus();

        page.clock().runFor(Duration.ofMinutes(18).plusSeconds(1).toMillis());

        var warning = page.getByRole(AriaRole.ALERTDIALOG);
        assertThat(warning).isVisible();
        assertThat(warning).hasAccessibleName("Are you still there?");
        assertThat(warning).containsText("About 2 minutes left.");
        assertThat(byRole(warning, AriaRole.BUTTON, "Stay signed in")).isFocused();
        checkPage("idle-warning");

        page.clock().runFor(Duration.ofSeconds(75).toMillis());
        assertThat(warning).containsText("45 seconds left.");

        var keepAlive = page.waitForResponse(r -> r.url().endsWith("/session/keep-alive"),
                () -> byRole(warning, AriaRole.BUTTON, "Stay signed in").click());
        org.assertj.core.api.Assertions.assertThat(keepAlive.status()).isEqualTo(204);
        assertThat(warning).isHidden();
        assertThat(history).isFocused();

        // The full idle time starts again from "Stay signed in".
        page.clock().runFor(Duration.ofMinutes(17).toMillis());
        assertThat(warning).isHidden();
        visit("/clinic/home");
        checkPage("home-after-staying");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Welcome");
    }

    @Test
    void whenTheTimeRunsOutThePageGoesToSignInAndSaysWhy() {
        signIn();

        page.clock().runFor(Duration.ofMinutes(20).plusSeconds(1).toMillis());

        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in\\?timed-out"));
        checkPage("timed-out");
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("You were signed out because the page was not used");
    }

    private void signIn() {
        Account account = patients.patientWithAccount("clinic");
        page.clock().install();
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
        checkPage("home");
    }
}
