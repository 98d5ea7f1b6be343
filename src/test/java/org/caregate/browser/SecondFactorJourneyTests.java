package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
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

        assertThat(byRole(AriaRole.RADIO, "Text me a code")).isChecked();
        byRole(AriaRole.TEXTBOX, "Phone number").fill(account.phone());
        byRole(AriaRole.BUTTON, "Continue").click();
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

    @Test
    void aPatientSetsUpALandlineAndSignsInByPressingTheKeyAPhoneCallAsksFor() {
        Account account = patients.patientWithAccount("clinic");
        String landline = "+34910" + account.phone().substring(account.phone().length() - 6);
        signIn(account, "call-sign-in");
        checkPage("call-set-up");
        byRole(AriaRole.RADIO, "Call me").check();
        byRole(AriaRole.TEXTBOX, "Phone number").fill(landline);
        byRole(AriaRole.BUTTON, "Continue").click();
        checkPage("call-set-up-waiting");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in/step/set-up/call$"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Waiting for the key");

        // The phone, in another tab: the dev outbox answers the call and presses the key it asked for.
        answerCallTo(landline);
        // The waiting page notices by itself, without a reload by the person.
        page.waitForURL(Pattern.compile(".*/clinic/sign-in/step/set-up/call$"),
                new Page.WaitForURLOptions().setWaitUntil(com.microsoft.playwright.options.WaitUntilState.LOAD));
        assertThat(page.locator(".recovery-codes li")).hasCount(10);
        checkPage("call-recovery-codes");
        byRole(AriaRole.BUTTON, "I have saved them, continue").click();
        checkPage("call-home");
        byRole(AriaRole.BUTTON, "Sign out").click();
        checkPage("call-signed-out");

        signIn(account, "call-sign-in-again");
        checkPage("call-waiting");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in/step/call$"));
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("ending in " + landline.substring(landline.length() - 2));
        answerCallTo(landline);
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("call-home-again");
    }

    /** Opens the dev outbox in a second tab and presses, on the newest call to {@code phone}, the key it asks for. */
    private void answerCallTo(String phone) {
        Page phoneTab = page.context().newPage();
        try {
            Pattern asked = Pattern.compile("press (\\d) now");
            AtomicReference<String> key = new AtomicReference<>();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
                phoneTab.navigate(baseUrl() + "/dev/outbox");
                var call = phoneTab.locator("tr", new Page.LocatorOptions().setHasText(phone)).first();
                if (call.count() == 0 || call.getByRole(AriaRole.BUTTON).count() == 0) {
                    return false;
                }
                Matcher matcher = asked.matcher(call.locator("pre").textContent());
                if (matcher.find()) {
                    key.set(matcher.group(1));
                }
                return key.get() != null;
            });
            phoneTab.locator("tr", new Page.LocatorOptions().setHasText(phone)).first()
                    .getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Locator.GetByRoleOptions()
                            .setName("Press " + key.get()).setExact(true))
                    .click();
            assertThat(phoneTab.getByRole(AriaRole.STATUS)).containsText("You pressed " + key.get());
        } finally {
            phoneTab.close();
        }
    }

    private void signIn(Account account, String pageName) {
        visit("/clinic/sign-in");
        checkPage(pageName);
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
    }
}
