package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A patient who forgot their password gets a code, reads it in the dev outbox, chooses a new password and signs in. */
class ForgotPasswordJourneyTests extends BrowserJourney {

    private static final Pattern CODE = Pattern.compile("\"to\":\"([^\"]+)\"[^}]*?\\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\\b");
    private static final String NEW_PASSWORD = "velvet-canyon-thistle-83";

    @Autowired
    TestPatients patients;

    @Test
    void aPatientResetsTheirPasswordWithTheCodeAndSignsIn() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("sign-in");

        byRole(AriaRole.LINK, "Forgot your password?").click();
        checkPage("forgot-password");
        assertThat(page).hasURL(Pattern.compile("/clinic/forgot-password$"));
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        byRole(AriaRole.BUTTON, "Send me a code").click();

        checkPage("enter-code");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("If we find an account, we have sent a code");
        String code = codeSentTo(account.email());
        byRole(AriaRole.TEXTBOX, "Code").fill(code);
        byRole(AriaRole.BUTTON, "Continue").click();

        checkPage("new-password");
        Page.GetByLabelOptions exact = new Page.GetByLabelOptions().setExact(true);
        page.getByLabel("New password", exact).fill("password1234");
        expectRefusal("/clinic/forgot-password/new-password");
        byRole(AriaRole.BUTTON, "Save my new password").click();
        checkPage("new-password-refused");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("Choose a different password");
        assertThat(page.locator("#password-problems")).containsText("passwords people often use");

        page.getByLabel("New password", exact).fill(NEW_PASSWORD);
        byRole(AriaRole.BUTTON, "Save my new password").click();
        checkPage("password-changed");
        assertThat(byRole(AriaRole.HEADING, "Your password is changed")).isVisible();

        byRole(page.getByRole(AriaRole.MAIN), AriaRole.LINK, "Sign in").click();
        checkPage("sign-in-again");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", exact).fill(NEW_PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
    }

    /** The code the dev outbox shows for this address, as someone trying the demo reads it there. */
    private String codeSentTo(String recipient) {
        AtomicReference<String> code = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String json = page.request().get(baseUrl() + "/dev/outbox",
                    RequestOptions.create().setHeader("Accept", "application/json")).text();
            Matcher matcher = CODE.matcher(json);
            while (matcher.find()) {
                if (matcher.group(1).equals(recipient)) {
                    code.set(matcher.group(2));
                    return true;
                }
            }
            return false;
        });
        return code.get();
    }
}
