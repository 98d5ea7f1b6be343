package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.TestTotp;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The clinic requires a second factor: a patient is made to set one up right after the password,
 * with a code texted to their phone (read in the dev outbox) or an authenticator app (its code
 * computed here), keeps the recovery codes, and at the next sign-in passes the second step.
 */
@TestPropertySource(properties = "caregate.mfa.required-from.clinic=2026-01-01")
class SecondFactorJourneyTests extends BrowserJourney {

    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    TestPatients patients;

    @Test
    void aPatientSetsUpTextMessagesWhenRequiredAndSignsInWithATextedCode() {
        Account account = patients.patientWithAccount("clinic");
        signIn(account, "sign-in");
        checkPage("set-up-required");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in/step/set-up$"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("requires this step for every account");
        assertThat(byRole(AriaRole.BUTTON, "Not now")).hasCount(0);

        byRole(AriaRole.TEXTBOX, "Mobile phone number").fill(account.phone());
        byRole(AriaRole.BUTTON, "Text me a code").click();
        checkPage("confirm-phone");
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(newestCodeTo(account.phone(), null));
        byRole(AriaRole.BUTTON, "Confirm my phone").click();

        checkPage("recovery-codes");
        assertThat(page.locator(".recovery-codes li")).hasCount(10);
        byRole(AriaRole.BUTTON, "I have saved them, continue").click();
        checkPage("home");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));

        byRole(AriaRole.BUTTON, "Sign out").click();
        checkPage("signed-out");
        String before = newestCodeTo(account.phone(), null);
        signIn(account, "sign-in-again");
        checkPage("texted-code");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in/step/code$"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Make sure your phone number is correct");
        byRole(AriaRole.TEXTBOX, "6-digit code").fill("000000".equals(before) ? "111111" : "000000");
        expectRefusal("/clinic/sign-in/step/code");
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("texted-code-wrong");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("That code is not right");
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(newestCodeTo(account.phone(), before));
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("home-after-code");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
    }

    @Test
    void aPatientSetsUpAnAuthenticatorAppAndSignsInWithItsCode() {
        Account account = patients.patientWithAccount("clinic");
        signIn(account, "app-sign-in");
        checkPage("set-up");
        byRole(AriaRole.LINK, "Use an authenticator app instead").click();
        checkPage("set-up-app");
        assertThat(page.getByRole(AriaRole.IMG)).hasAttribute("alt", Pattern.compile("QR code"));
        String key = page.locator("main strong.reference").textContent();
        byRole(AriaRole.TEXTBOX, "The 6-digit code your app now shows").fill(TestTotp.code(key, Instant.now()));
        byRole(AriaRole.BUTTON, "Confirm my app").click();
        checkPage("app-recovery-codes");
        byRole(AriaRole.BUTTON, "I have saved them, continue").click();
        checkPage("app-home");
        visit("/clinic/account");
        checkPage("account-settings");
        byRole(AriaRole.LINK, "Second sign-in step and recovery codes").click();
        checkPage("second-factor-settings");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Recovery codes left: 10");
        byRole(AriaRole.BUTTON, "Get new recovery codes").click();
        checkPage("new-recovery-codes");
        assertThat(page.locator(".recovery-codes li")).hasCount(10);
        byRole(AriaRole.LINK, "I have saved them").click();
        checkPage("second-factor-settings-again");
        byRole(AriaRole.BUTTON, "Sign out").click();
        checkPage("app-signed-out");

        signIn(account, "app-sign-in-again");
        checkPage("app-code");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in/step/app$"));
        // The code of the next 30-second step: the one just used to confirm is never accepted twice.
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(TestTotp.code(key, Instant.now().plusSeconds(30)));
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("app-home-again");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
    }

    private void signIn(Account account, String pageName) {
        visit("/clinic/sign-in");
        checkPage(pageName);
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
    }

    /** The newest 6-digit code the dev outbox shows for this phone, other than {@code not}. */
    private String newestCodeTo(String phone, String not) {
        Pattern entry = Pattern.compile("\"to\":\"" + Pattern.quote(phone) + "\"[^}]*?\"body\":\"([^\"]*)\"");
        AtomicReference<String> code = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String json = page.request().get(baseUrl() + "/dev/outbox",
                    RequestOptions.create().setHeader("Accept", "application/json")).text();
            Matcher matcher = entry.matcher(json);
            while (matcher.find()) {
                Matcher digits = SIX_DIGITS.matcher(matcher.group(1));
                if (digits.find()) {
                    code.set(digits.group(1));
                    return not == null || !not.equals(code.get());
                }
            }
            return false;
        });
        return code.get();
    }
}
