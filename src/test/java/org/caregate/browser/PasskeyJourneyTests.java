package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.caregate.mfa.internal.Factors;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Passkeys with Chromium's virtual authenticator (the CDP {@code WebAuthn} domain), which stands in
 * for a phone's fingerprint sensor: adding one in settings, signing in with it alone, the check by
 * the other factor after 90 days (on an injected clock), removing it, and a tampered or copied one
 * refused; staff who must use passkeys. WebAuthn needs a secure origin, so these journeys use {@code http://localhost}.
 */
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = "caregate.mfa.passkeys.required-for-staff=true")
class PasskeyJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Autowired
    Factors factors;

    @Autowired
    MutableClock clock;

    @Autowired
    AccountManagement accounts;

    private CDPSession authenticatorChannel;
    private String authenticator;

    @BeforeEach
    void fingerprintSensor() {
        clock.reset();
        authenticatorChannel = page.context().newCDPSession(page);
        JsonObject enable = new JsonObject();
        enable.addProperty("enableUI", false);
        authenticatorChannel.send("WebAuthn.enable", enable);
        JsonObject options = new JsonObject();
        options.addProperty("protocol", "ctap2");
        options.addProperty("transport", "internal");
        options.addProperty("hasResidentKey", true);
        options.addProperty("hasUserVerification", true);
        options.addProperty("isUserVerified", true);
        options.addProperty("automaticPresenceSimulation", true);
        JsonObject params = new JsonObject();
        params.add("options", options);
        authenticator = authenticatorChannel.send("WebAuthn.addVirtualAuthenticator", params)
                .get("authenticatorId").getAsString();
    }

    @Override
    String baseUrl() {
        // A passkey's relying party is a host name; WebAuthn refuses an IP address such as 127.0.0.1.
        return super.baseUrl().replace("127.0.0.1", "localhost");
    }

    @Test
    void aPatientAddsAPasskeySignsInWithItAloneAndRemovesIt() {
        Account account = patientWithPhone();
        signInWithPasswordAndCode(account, "password");
        addPasskey("My test phone", "settings");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("My test phone");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Not used yet.");
        assertThat(outboxTo(account.email())).contains("was just added");

        signOut("signed-out");
        signInWithPasskey("sign-in");
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home-by-passkey");

        visit("/clinic/account/sign-ins");
        checkPage("history");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Face or fingerprint (passkey)");

        visit("/clinic/account/second-factor");
        checkPage("settings-used");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Last used");
        // Signing in with the passkey was a fresh check: removing needs no other code now.
        byRole(AriaRole.BUTTON, "Remove the passkey My test phone").click();
        checkPage("removed");
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("The passkey was removed");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("You have no passkeys.");

        // A passkey is also a second step after the password ("Try another way").
        addPasskey("Second phone", "settings-again");
        signOut("signed-out-before-step");
        visit("/clinic/sign-in");
        checkPage("password-then-passkey");
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        page.waitForURL(Pattern.compile(".*/clinic/sign-in/step/code$"));
        checkPage("code-step");
        byRole(AriaRole.LINK, "Try another way").click();
        checkPage("other-ways");
        byRole(AriaRole.LINK, "Use my face or fingerprint (passkey)").click();
        checkPage("passkey-step");
        byRole(AriaRole.BUTTON, "Use my passkey").click();
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home-by-password-and-passkey");
        visit("/clinic/account/second-factor");
        checkPage("settings-two");
        byRole(AriaRole.BUTTON, "Remove the passkey Second phone").click();
        checkPage("removed-second");

        // The phone still holds the keys, but the portal no longer knows them.
        signOut("signed-out-again");
        signInWithPasskey("sign-in-removed");
        // The refusal is shown on the sign-in page the button was on: wait for the new one.
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("We could not sign you in with that passkey");
        assertThat(page).hasURL(Pattern.compile(".*/clinic/sign-in$"));
        checkPage("refused-removed");
    }

    @Test
    void after90DaysWithoutTheOtherFactorAPasskeySignInAsksForItOnce() {
        Account account = patientWithPhone();
        signInWithPasswordAndCode(account, "password");
        addPasskey("Laptop", "settings");
        signOut("signed-out");

        clock.advance(Duration.ofDays(89));
        signInWithPasskey("day-89");
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home-day-89");
        signOut("signed-out-day-89");

        clock.advance(Duration.ofDays(2));
        String before = newestCodeNowTo(account.phone());
        signInWithPasskey("day-91");
        page.waitForURL(Pattern.compile(".*/clinic/sign-in/step/code$"));
        checkPage("check-day-91");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Every 90 days we also ask for your other sign-in step");
        assertThat(page.getByRole(AriaRole.CHECKBOX)).hasCount(0);
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(newestCodeTo(account.phone(), before));
        byRole(AriaRole.BUTTON, "Continue").click();
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home-day-91");
        signOut("signed-out-day-91");

        // Asked once: the next passkey sign-in opens the portal again for another 90 days.
        clock.advance(Duration.ofDays(1));
        signInWithPasskey("day-92");
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home-day-92");
    }

    @Test
    void aTamperedAnswerAndACopiedPasskeyAreRefused() {
        Account account = patientWithPhone();
        signInWithPasswordAndCode(account, "password");
        addPasskey("Tablet", "settings");
        signOut("signed-out");

        // One bit of the signature changed on the way: the portal refuses it and the history shows it.
        page.route("**/clinic/sign-in/passkey", route -> route.resume(new Route.ResumeOptions()
                .setPostData(tamperedSignature(route.request().postData()))));
        signInWithPasskey("tampered");
        // The refusal is shown on the sign-in page the button was on: wait for the new one.
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("We could not sign you in with that passkey");
        assertThat(page).hasURL(Pattern.compile(".*/clinic/sign-in$"));
        checkPage("refused-tampered");
        page.unrouteAll();

        signInWithPasskey("untampered");
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage("home");
        visit("/clinic/account/sign-ins");
        checkPage("history");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Passkey not accepted");
        signOut("signed-out-again");

        // A copy of the key made before that sign-in: its signature counter is behind the portal's.
        JsonObject credential = onlyCredential();
        JsonObject remove = new JsonObject();
        remove.addProperty("authenticatorId", authenticator);
        remove.addProperty("credentialId", credential.get("credentialId").getAsString());
        authenticatorChannel.send("WebAuthn.removeCredential", remove);
        credential.addProperty("signCount", 0);
        JsonObject add = new JsonObject();
        add.addProperty("authenticatorId", authenticator);
        add.add("credential", credential);
        authenticatorChannel.send("WebAuthn.addCredential", add);

        signInWithPasskey("copied");
        // The refusal is shown on the sign-in page the button was on: wait for the new one.
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("it looks as if it was copied");
        assertThat(page).hasURL(Pattern.compile(".*/clinic/sign-in$"));
        checkPage("refused-copied");
        assertThat(outboxTo(account.email())).contains("was blocked");
    }

    @Test
    void staffWhoMustUsePasskeysSetOneUpWithTheirPasswordThenUseIt() {
        String username = "passkey-staff-" + TestPatients.tag();
        accounts.openStaffAccount(username, username + "@staff.example", Set.of(StaffRole.SUPPORT),
                TestPatients.PASSWORD);
        staffPassword(username, "password");
        page.waitForURL(Pattern.compile(".*/staff/sign-in/step/passkey/set-up$"));
        checkPage("set-up");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("requires staff to sign in with a passkey");
        byRole(AriaRole.TEXTBOX, "A name for this passkey").fill("Work laptop");
        byRole(AriaRole.BUTTON, "Add a passkey").click();
        page.waitForURL(Pattern.compile(".*/staff$"));
        checkPage("staff-home");
        signOutStaff("signed-out");

        // The password alone no longer opens the staff pages: the passkey is asked for after it.
        staffPassword(username, "password-again");
        page.waitForURL(Pattern.compile(".*/staff/sign-in/step/passkey$"));
        checkPage("use");
        visit("/staff/sign-in/step/passkey/set-up", 200);
        assertThat(page).hasURL(Pattern.compile(".*/staff/sign-in/step/passkey$"));
        checkPage("no-second-set-up");
        byRole(AriaRole.BUTTON, "Use my passkey").click();
        page.waitForURL(Pattern.compile(".*/staff$"));
        checkPage("staff-home-again");
        signOutStaff("signed-out-again");

        // Or the passkey alone, on the staff sign-in page.
        byRole(AriaRole.BUTTON, "Sign in with face or fingerprint").click();
        page.waitForURL(Pattern.compile(".*/staff$"));
        checkPage("staff-home-by-passkey");
    }

    private void staffPassword(String username, String pageName) {
        visit("/staff/sign-in");
        checkPage(pageName);
        byRole(AriaRole.TEXTBOX, "Network ID").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
    }

    private void signOutStaff(String pageName) {
        byRole(AriaRole.BUTTON, "Sign out").click();
        page.waitForURL(Pattern.compile(".*/staff/sign-in.*"));
        checkPage(pageName);
    }

    private Account patientWithPhone() {
        Account account = patients.patientWithAccount("clinic");
        factors.savePhone(account.id(), new PhoneNumber(account.phone(), PhoneKind.MOBILE), clock.instant());
        return account;
    }

    private void signInWithPasswordAndCode(Account account, String pageName) {
        String before = newestCodeNowTo(account.phone());
        visit("/clinic/sign-in");
        checkPage(pageName);
        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        page.waitForURL(Pattern.compile(".*/clinic/sign-in/step/code$"));
        checkPage(pageName + "-code");
        byRole(AriaRole.TEXTBOX, "6-digit code").fill(newestCodeTo(account.phone(), before));
        byRole(AriaRole.BUTTON, "Continue").click();
        page.waitForURL(Pattern.compile(".*/clinic/home$"));
        checkPage(pageName + "-home");
    }

    private void addPasskey(String name, String pageName) {
        visit("/clinic/account/second-factor");
        checkPage(pageName);
        byRole(AriaRole.TEXTBOX, "A name for this passkey").fill(name);
        byRole(AriaRole.BUTTON, "Add a passkey").click();
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Your passkey was added");
        checkPage(pageName + "-added");
    }

    private void signInWithPasskey(String pageName) {
        visit("/clinic/sign-in");
        checkPage(pageName);
        byRole(AriaRole.BUTTON, "Sign in with face or fingerprint").click();
    }

    private void signOut(String pageName) {
        byRole(AriaRole.BUTTON, "Sign out").click();
        page.waitForURL(Pattern.compile(".*/clinic/sign-in.*"));
        checkPage(pageName);
    }

    private JsonObject onlyCredential() {
        JsonObject params = new JsonObject();
        params.addProperty("authenticatorId", authenticator);
        var credentials = authenticatorChannel.send("WebAuthn.getCredentials", params).getAsJsonArray("credentials");
        assertThat(credentials.size()).isEqualTo(1);
        JsonObject credential = credentials.get(0).getAsJsonObject();
        assertThat(credential.get("signCount").getAsInt()).isGreaterThan(0);
        return credential;
    }

    /** The form the page sends, with one bit of the passkey's signature flipped. */
    private static String tamperedSignature(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        JsonObject credential = JsonParser.parseString(fields.get("credential")).getAsJsonObject();
        JsonObject response = credential.getAsJsonObject("response");
        byte[] signature = Base64.getUrlDecoder().decode(response.get("signature").getAsString());
        signature[signature.length / 2] ^= 0x01;
        response.addProperty("signature", Base64.getUrlEncoder().withoutPadding().encodeToString(signature));
        fields.put("credential", credential.toString());
        StringBuilder body = new StringBuilder();
        fields.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString();
    }

    /** The dev outbox's messages to this address or number, as JSON objects, one per line. */
    private String outboxTo(String to) {
        StringBuilder found = new StringBuilder();
        Matcher matcher = Pattern.compile("\\{[^{}]*\"to\":\"" + Pattern.quote(to) + "\"[^{}]*}").matcher(outboxJson());
        while (matcher.find()) {
            found.append(matcher.group()).append('\n');
        }
        return found.toString();
    }
}
