package org.caregate.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.TestTotp;
import org.caregate.identity.Account;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The step after the password, over real HTTP: the clinic requires a second factor (since January),
 * the health system will from next March and offers it until then.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "caregate.mfa.required-from.clinic=2026-01-01", "caregate.mfa.required-from.health-system=2027-03-31"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class SecondFactorIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SecondFactorReset reset;

    @Autowired
    ApplicationEventPublisher events;

    SentMessages sent;

    @BeforeEach
    void freshSendWindow() {
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void aRequiredSecondFactorIsSetUpRightAfterThePasswordAndNothingElseOpensBefore() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);

        var signedIn = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(withoutMarker(signedIn)).isEqualTo("/clinic/sign-in/step/set-up");
        assertThat(FormSession.location(browser.get("/clinic/home"))).isEqualTo("/clinic/sign-in/step/set-up");
        assertThat(FormSession.location(browser.get("/clinic/account"))).isEqualTo("/clinic/sign-in/step/set-up");
        var setUp = browser.get("/clinic/sign-in/step/set-up");
        assertThat(setUp.statusCode()).isEqualTo(200);
        assertThat(setUp.body()).contains("requires this step for every account").doesNotContain("Not now");
        // Required now: "not now" is not a way in.
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/set-up/not-now")))
                .isEqualTo("/clinic/sign-in/step/set-up");

        String mobile = account.phone();
        var asked = browser.post("/clinic/sign-in/step/set-up", "phone", mobile);
        assertThat(FormSession.location(asked)).isEqualTo("/clinic/sign-in/step/set-up/confirm");
        String code = SentMessages.code(sent.newest(mobile), SentMessages.SIX_DIGITS);
        assertThat(sent.newest(mobile).body()).contains("Riverbend Clinic", "5 minutes").doesNotContain(account.username());

        browser.get("/clinic/sign-in/step/set-up/confirm");
        var wrong = browser.post("/clinic/sign-in/step/set-up/confirm", "code", otherThan(code));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("4 more tries");
        String sessionBefore = browser.cookie("caregate_session").orElseThrow();
        var confirmed = browser.post("/clinic/sign-in/step/set-up/confirm", "code", code);

        // A first second factor: the ten recovery codes, shown once, before the portal opens.
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(recoveryCodes(confirmed.body())).hasSize(10).doesNotHaveDuplicates();
        assertThat(FormSession.location(browser.get("/clinic/home"))).isEqualTo("/clinic/sign-in/step/set-up");
        var saved = browser.post("/clinic/sign-in/step/recovery-codes/done");
        assertThat(FormSession.location(saved)).isEqualTo("/clinic/home");
        assertThat(browser.cookie("caregate_session").orElseThrow()).isNotEqualTo(sessionBefore);
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(mobile);
        // Every contact on file is told, with nothing but what changed and whom to call.
        var notice = sent.newest(account.email(), "A second sign-in step was added to your Riverbend Clinic account");
        assertThat(notice.body()).contains("call support at (507) 738-4013").doesNotContain(mobile, code);
        assertThat(sent.newest(mobile).body()).contains("a second sign-in step was just added");
    }

    @Test
    void withAPhoneSetUpEverySignInAsksForATextedCodeThatWorksOnce() throws Exception {
        Account account = enrolled("clinic");
        var browser = new FormSession(port);

        assertThat(withoutMarker(browser.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/code");
        var page = browser.get("/clinic/sign-in/step/code");
        assertThat(page.body()).contains("ending in " + account.phone().substring(account.phone().length() - 2),
                "Resend code", "Make sure your phone number is correct", "(507) 738-4013");
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);

        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/code", "code", code))).isEqualTo("/clinic/home");
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);

        // The same code in a new sign-in is refused: it worked once, for the attempt that asked for it.
        var again = new FormSession(port);
        again.signIn("clinic", account.username(), TestPatients.PASSWORD);
        again.get("/clinic/sign-in/step/code");
        var reused = again.post("/clinic/sign-in/step/code", "code", code);
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(FormSession.location(again.get("/clinic/home"))).isEqualTo("/clinic/sign-in/step/code");
    }

    @Test
    void aCodeWorksOnlyInTheBrowserWhoseSignInAskedForIt() throws Exception {
        Account account = enrolled("clinic");
        var mine = new FormSession(port);
        mine.signIn("clinic", account.username(), TestPatients.PASSWORD);
        mine.get("/clinic/sign-in/step/code");
        String myCode = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        clock.advance(Duration.ofSeconds(31));
        var theirs = new FormSession(port);
        theirs.signIn("clinic", account.username(), TestPatients.PASSWORD);
        theirs.get("/clinic/sign-in/step/code");

        assertThat(theirs.post("/clinic/sign-in/step/code", "code", myCode).statusCode()).isEqualTo(422);
        assertThat(FormSession.location(mine.post("/clinic/sign-in/step/code", "code", myCode))).isEqualTo("/clinic/home");
    }

    @Test
    void aCodeExpiresAfterFiveMinutesAndAfterFiveWrongTries() throws Exception {
        Account account = enrolled("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/code");
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));

        var late = browser.post("/clinic/sign-in/step/code", "code", code);
        assertThat(late.statusCode()).isEqualTo(422);
        assertThat(late.body()).contains("no longer works");

        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/code/resend"))).isEqualTo("/clinic/sign-in/step/code");
        String fresh = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.post("/clinic/sign-in/step/code", "code", otherThan(fresh)).statusCode()).isEqualTo(422);
        }
        var afterTries = browser.post("/clinic/sign-in/step/code", "code", fresh);
        assertThat(afterTries.statusCode()).isEqualTo(422);
        assertThat(afterTries.body()).contains("no longer works");
        // Each wrong code is in the person's sign-in history, with the browser it came from.
        assertThat(history(account)).filteredOn(line -> line.startsWith("SECOND_FACTOR_FAILED TEXT_MESSAGE Chrome"))
                .hasSize(5);
    }

    @Test
    void resendWaitsThirtySecondsAndAnAccountGetsAtMostFiveCodesInFifteenMinutes() throws Exception {
        Account account = enrolled("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/code");
        String first = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);

        long before = sent.queuedTo(account.phone());

        browser.post("/clinic/sign-in/step/code/resend");
        assertThat(browser.get("/clinic/sign-in/step/code").body()).contains("Please wait");
        assertThat(sent.queuedTo(account.phone())).isEqualTo(before);

        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(31));
            browser.post("/clinic/sign-in/step/code/resend");
            assertThat(browser.get("/clinic/sign-in/step/code").body()).contains("We sent a new code");
        }
        assertThat(sent.queuedTo(account.phone())).isEqualTo(before + 4);
        clock.advance(Duration.ofSeconds(31));
        browser.post("/clinic/sign-in/step/code/resend");
        assertThat(browser.get("/clinic/sign-in/step/code").body()).contains("as many codes as we can", "(507) 738-4013");
        assertThat(sent.queuedTo(account.phone())).isEqualTo(before + 4);
        // Only the newest code works.
        String newest = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        if (!newest.equals(first)) {
            assertThat(browser.post("/clinic/sign-in/step/code", "code", first).statusCode()).isEqualTo(422);
        }
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/code", "code", newest))).isEqualTo("/clinic/home");
    }

    @Test
    void beforeTheRequiredDayASecondFactorIsOfferedAndNotNowIsRemembered() throws Exception {
        Account account = patients.patientWithAccount("health-system");
        var browser = new FormSession(port);

        assertThat(withoutMarker(browser.signIn("health-system", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/health-system/sign-in/step/set-up");
        assertThat(browser.get("/health-system/sign-in/step/set-up").body()).contains("Not now", "March 31, 2027");
        assertThat(FormSession.location(browser.post("/health-system/sign-in/step/set-up/not-now")))
                .isEqualTo("/health-system/home");
        assertThat(browser.get("/health-system/home").statusCode()).isEqualTo(200);

        assertThat(withoutMarker(new FormSession(port).signIn("health-system", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/health-system/home");
    }

    @Test
    void aBadPhoneNumberIsRefusedWithWhatToDoAndNothingIsSent() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/set-up");

        HttpResponse<String> refused = browser.post("/clinic/sign-in/step/set-up", "phone", "12");
        assertThat(FormSession.location(refused)).isEmpty();
        HttpResponse<String> landline = browser.post("/clinic/sign-in/step/set-up", "phone", "+34 915 123 456");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("does not look like a mobile phone number");
        assertThat(landline.statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_text_code WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aPasswordAloneCannotSetUpAnotherSecondFactorForAnAccountThatHasOne() throws Exception {
        Account account = enrolled("clinic");
        var attacker = new FormSession(port);
        attacker.signIn("clinic", account.username(), TestPatients.PASSWORD);
        String attackersPhone = "+34 699 000 111";

        assertThat(FormSession.location(attacker.get("/clinic/sign-in/step/set-up"))).isEqualTo("/clinic/sign-in/step/code");
        assertThat(FormSession.location(attacker.post("/clinic/sign-in/step/set-up", "phone", attackersPhone)))
                .isEqualTo("/clinic/sign-in/step/code");
        assertThat(FormSession.location(attacker.get("/clinic/sign-in/step/set-up/app"))).isEqualTo("/clinic/sign-in/step/code");
        assertThat(FormSession.location(attacker.post("/clinic/sign-in/step/set-up/app", "code", "123456")))
                .isEqualTo("/clinic/sign-in/step/code");
        assertThat(FormSession.location(attacker.post("/clinic/sign-in/step/set-up/not-now")))
                .isEqualTo("/clinic/sign-in/step/set-up");
        assertThat(FormSession.location(attacker.get("/clinic/home"))).isEqualTo("/clinic/sign-in/step/code");
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(account.phone());
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_authenticator WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void theStepsAreOnlyForABrowserBetweenItsPasswordAndThePortal() throws Exception {
        var stranger = new FormSession(port);
        assertThat(FormSession.location(stranger.get("/clinic/sign-in/step/code"))).isEqualTo("/clinic/sign-in");
        Account account = enrolled("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/code");
        browser.post("/clinic/sign-in/step/code", "code", SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS));

        assertThat(browser.get("/clinic/sign-in/step/code").statusCode()).isEqualTo(403);
    }

    @Test
    void aSupportResetRemovesEveryFactorAndTheNextSignInMustSetOneUpWhateverTheDate() throws Exception {
        Account account = enrolled("health-system");

        reset.reset(account.id());

        assertThat(history(account)).contains("SECOND_FACTORS_RESET SUPPORT Unknown browser",
                "SECOND_FACTOR_REMOVED TEXT_MESSAGE Unknown browser", "SECOND_FACTOR_ADDED TEXT_MESSAGE Chrome on Linux");
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_recovery_code WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isZero();
        assertThat(sent.newest(account.email(), "A second sign-in step was removed from your Riverbend Health System account")
                .body()).contains("call support");
        var browser = new FormSession(port);
        assertThat(withoutMarker(browser.signIn("health-system", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/health-system/sign-in/step/set-up");
        // The health system's date is months away, yet "Not now" is no way in after a reset.
        assertThat(browser.get("/health-system/sign-in/step/set-up").body()).doesNotContain("Not now");
        assertThat(FormSession.location(browser.post("/health-system/sign-in/step/set-up/not-now")))
                .isEqualTo("/health-system/sign-in/step/set-up");
        browser.post("/health-system/sign-in/step/set-up", "phone", account.phone());
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        browser.get("/health-system/sign-in/step/set-up/confirm");
        browser.post("/health-system/sign-in/step/set-up/confirm", "code", code);
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_enrolment_required WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRememberedBrowserSkipsTheSecondStepForSevenDaysWithThePasswordOnly() throws Exception {
        Account account = enrolled("clinic");
        var browser = passedWithRemember(account);
        assertThat(browser.cookie("caregate_remember")).isPresent();
        browser.get("/clinic/home");
        browser.post("/sign-out");

        assertThat(withoutMarker(browser.signIn("clinic", account.username(), TestPatients.PASSWORD))).isEqualTo("/clinic/home");
        assertThat(history(account).getFirst()).isEqualTo("SIGNED_IN PASSWORD Chrome on Linux");
        assertThat(history(account).get(1)).isEqualTo("REMEMBERED_DEVICE_USED PASSWORD Chrome on Linux");
        // The password is always asked.
        browser.get("/clinic/home");
        browser.post("/sign-out");
        assertThat(browser.signIn("clinic", account.username(), "not-the-password-at-all").statusCode()).isEqualTo(422);
        // Another browser is asked.
        assertThat(withoutMarker(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/code");

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(withoutMarker(browser.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/code");

        // Remembered again: the cookie's new token replaces the old one, whose row goes.
        String oldToken = browser.cookie("caregate_remember").orElseThrow();
        browser.get("/clinic/sign-in/step/code");
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        browser.post("/clinic/sign-in/step/code", "code", code, "remember", "yes");
        assertThat(browser.cookie("caregate_remember").orElseThrow()).isNotEqualTo(oldToken);
        assertThat(remembered(account)).isEqualTo(1);
    }

    @Test
    void aBrowserRememberedAfterAPasskeySignInDoesNotSkipTheStepAfterAPassword() throws Exception {
        Account account = enrolled("clinic");
        var browser = passedWithRemember(account);
        jdbc.sql("UPDATE mfa_remembered_device SET method = 'PASSKEY' WHERE account_id = ?").param(account.id().value())
                .update();
        browser.get("/clinic/home");
        browser.post("/sign-out");

        assertThat(withoutMarker(browser.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/code");
    }

    @Test
    void rememberedBrowsersAreListedAndForgottenOnRequestOnSignOutEverywhereAndOnAPasswordChange() throws Exception {
        Account account = enrolled("clinic");
        var browser = passedWithRemember(account);
        var settings = browser.get("/clinic/account/second-factor");
        assertThat(settings.body()).contains("Browsers that skip the second step", "Forget this browser");
        Account other = enrolled("clinic");
        passedWithRemember(other);
        String othersRow = jdbc.sql("SELECT id::text FROM mfa_remembered_device WHERE account_id = ?")
                .param(other.id().value()).query(String.class).single();

        assertThat(browser.post("/clinic/account/second-factor/browsers/" + othersRow + "/forget").statusCode()).isEqualTo(404);
        assertThat(remembered(other)).isEqualTo(1);

        browser.get("/clinic/account/sign-ins");
        browser.post("/clinic/account/sign-out-everywhere");
        assertThat(remembered(account)).isZero();

        passedWithRemember(other);
        events.publishEvent(new PasswordChanged(other.id(), clock.instant(), PasswordChanged.How.RESET));
        assertThat(remembered(other)).isZero();
    }

    @Test
    void anAuthenticatorAppIsAddedFromSettingsAfterARecentCheckAndAskedForFirstAfterwards() throws Exception {
        Account account = enrolled("clinic");
        var browser = passedWithRemember(account);
        clock.advance(Duration.ofMinutes(11));
        assertThat(FormSession.location(browser.get("/clinic/account/second-factor/app")))
                .isEqualTo("/clinic/account/second-factor/check");
        browser.post("/clinic/account/second-factor/check/text");
        browser.get("/clinic/account/second-factor/check");
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/check", "method", "text", "code", code)))
                .isEqualTo("/clinic/account/second-factor");

        var page = browser.get("/clinic/account/second-factor/app");
        Matcher key = Pattern.compile("<strong class=\"reference\">([A-Z2-7 ]{16,})</strong>").matcher(page.body());
        assertThat(key.find()).isTrue();
        var added = browser.post("/clinic/account/second-factor/app", "code", TestTotp.code(key.group(1), clock.instant()));

        assertThat(FormSession.location(added)).isEqualTo("/clinic/account/second-factor");
        assertThat(browser.get("/clinic/account/second-factor").body()).contains("Your authenticator app is set up");
        assertThat(sent.newest(account.email(), "A second sign-in step was added to your Riverbend Clinic account")).isNotNull();
        clock.advance(Duration.ofMinutes(1));
        assertThat(withoutMarker(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/app");
    }

    @Test
    void thePhoneForCodesIsChangedInSettingsOnlyOnceTheNewOneProvesItself() throws Exception {
        Account account = enrolled("clinic");
        var browser = passedWithRemember(account);
        String newPhone = "+34611" + "%06d".formatted(Math.floorMod(TestPatients.tag().hashCode(), 1_000_000));

        browser.get("/clinic/account/second-factor/phone");
        var asked = browser.post("/clinic/account/second-factor/phone", "phone", newPhone);
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Your phone changes once you enter it");
        String code = SentMessages.code(sent.newest(newPhone), SentMessages.SIX_DIGITS);
        assertThat(browser.post("/clinic/account/second-factor/phone/confirm", "code", otherThan(code)).statusCode())
                .isEqualTo(422);
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(account.phone());

        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/phone/confirm", "code", code)))
                .isEqualTo("/clinic/account/second-factor");
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(newPhone);
        assertThat(remembered(account)).isZero();
        clock.advance(Duration.ofMinutes(1));
        var next = new FormSession(port);
        next.signIn("clinic", account.username(), TestPatients.PASSWORD);
        next.get("/clinic/sign-in/step/code");
        String signInCode = SentMessages.code(sent.newest(newPhone), SentMessages.SIX_DIGITS);
        assertThat(FormSession.location(next.post("/clinic/sign-in/step/code", "code", signInCode))).isEqualTo("/clinic/home");
    }

    private FormSession passedWithRemember(Account account) throws Exception {
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/code");
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/code", "code", code, "remember", "yes")))
                .isEqualTo("/clinic/home");
        clock.advance(Duration.ofMinutes(1));
        return browser;
    }

    private long remembered(Account account) {
        return jdbc.sql("SELECT count(*) FROM mfa_remembered_device WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single();
    }

    /** An account whose phone was set up at an earlier sign-in. */
    private Account enrolled(String organizationId) throws Exception {
        Account account = patients.patientWithAccount(organizationId);
        var browser = new FormSession(port);
        browser.signIn(organizationId, account.username(), TestPatients.PASSWORD);
        browser.get("/" + organizationId + "/sign-in/step/set-up");
        browser.post("/" + organizationId + "/sign-in/step/set-up", "phone", account.phone());
        String code = SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS);
        browser.get("/" + organizationId + "/sign-in/step/set-up/confirm");
        var codes = browser.post("/" + organizationId + "/sign-in/step/set-up/confirm", "code", code);
        assertThat(recoveryCodes(codes.body())).hasSize(10);
        assertThat(FormSession.location(browser.post("/" + organizationId + "/sign-in/step/recovery-codes/done")))
                .isEqualTo("/" + organizationId + "/home");
        // A new window for sending codes.
        clock.advance(Duration.ofMinutes(16));
        return account;
    }

    static List<String> recoveryCodes(String page) {
        Matcher codes = Pattern.compile("<strong class=\"reference\">([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{2})</strong>")
                .matcher(page);
        List<String> found = new ArrayList<>();
        while (codes.find()) {
            found.add(codes.group(1));
        }
        return found;
    }

    /** The account's sign-in history, newest first: outcome, method and device. */
    private List<String> history(Account account) {
        return jdbc.sql("SELECT outcome || ' ' || method || ' ' || device FROM session_sign_in_event WHERE account_id = ? ORDER BY id DESC")
                .param(account.id().value()).query(String.class).list();
    }

    static String withoutMarker(HttpResponse<String> answer) {
        return FormSession.location(answer).replaceFirst("\\?signed-in$", "");
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
