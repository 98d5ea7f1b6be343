package org.caregate.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class ForgotPasswordIntegrationTests {

    static final String NEW_PASSWORD = "copper-lantern-meadow-47";

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    PasswordReset reset;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshHourOfRequests() {
        // Every test runs from 127.0.0.1: a new hour gives each its own per-address allowance.
        clock.advance(Duration.ofHours(2));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void knownAndUnknownAccountsGetTheSameAnswer() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var known = new FormSession(port);
        var unknown = new FormSession(port);

        var knownAnswer = known.submit("/clinic/forgot-password", "username", account.username());
        var unknownAnswer = unknown.submit("/clinic/forgot-password", "username", "nobody-" + TestPatients.tag());

        assertThat(knownAnswer.statusCode()).isEqualTo(unknownAnswer.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(knownAnswer)).isEqualTo(FormSession.location(unknownAnswer))
                .isEqualTo("/clinic/forgot-password/code");
        var knownPage = known.get("/clinic/forgot-password/code");
        var unknownPage = unknown.get("/clinic/forgot-password/code");
        assertThat(withoutCsrf(knownPage.body())).isEqualTo(withoutCsrf(unknownPage.body()));
        assertThat(knownPage.body()).contains("If we find an account, we have sent a code to the e-mail address and mobile phone on file");

        // A wrong code, too, gets the same answer: nothing tells whether a code was really sent.
        var knownWrong = known.post("/clinic/forgot-password/code", "code", "2222-2222");
        var unknownWrong = unknown.post("/clinic/forgot-password/code", "code", "2222-2222");
        assertThat(knownWrong.statusCode()).isEqualTo(unknownWrong.statusCode()).isEqualTo(422);
        assertThat(withoutCsrf(knownWrong.body())).isEqualTo(withoutCsrf(unknownWrong.body())).contains("4 more tries");
    }

    @Test
    void theCodeGoesByEmailAndTextToTheContactsOnFile() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        new FormSession(port).submit("/clinic/forgot-password", "username", account.email());

        SentMessages.Sent email = sent.newest(account.email());
        SentMessages.Sent text = sent.newest(account.phone());
        assertThat(email.channel()).isEqualTo("EMAIL");
        assertThat(email.subject()).isEqualTo("Your Riverbend Clinic password reset code");
        assertThat(email.body()).contains(account.username(), "30 minutes", "(507) 738-4013");
        assertThat(text.channel()).isEqualTo("SMS");
        String code = SentMessages.code(email, SentMessages.RESET_CODE);
        assertThat(SentMessages.code(text, SentMessages.RESET_CODE)).isEqualTo(code);
        assertThat(code.replace("-", "")).hasSize(8).doesNotContain("0", "O", "1", "I", "L");
    }

    @Test
    void anAccountWithoutContactsOfItsOwnGetsTheCodeAtItsPatientsContacts() throws Exception {
        Patient patient = patients.patient("clinic");
        Account account = accounts.openPatientAccount(patient.id(), "clinic", "bare-" + TestPatients.tag(), null, null,
                TestPatients.PASSWORD);

        new FormSession(port).submit("/clinic/forgot-password", "username", account.username());

        assertThat(sent.newest(patient.email()).subject()).contains("password reset code");
        assertThat(sent.newest(patient.mobile().orElseThrow().e164()).channel()).isEqualTo("SMS");
    }

    @Test
    void theRightCodeAndAGoodPasswordChangeThePasswordAndTheOwnerIsTold() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        var entered = browser.submit("/clinic/forgot-password/code", "code", " " + code.toLowerCase().replace("-", " ") + " ");
        assertThat(FormSession.location(entered)).isEqualTo("/clinic/forgot-password/new-password");
        var chosen = browser.submit("/clinic/forgot-password/new-password", "password", NEW_PASSWORD);

        assertThat(FormSession.location(chosen)).isEqualTo("/clinic/forgot-password/done");
        var done = browser.get("/clinic/forgot-password/done");
        assertThat(done.body()).contains("Your password is changed", "href=\"/clinic/sign-in\"");
        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(422);
        assertThat(FormSession.location(new FormSession(port).signIn("clinic", account.username(), NEW_PASSWORD)))
                .isEqualTo("/clinic/home?signed-in");

        // Signing in from a new browser also brought a "new sign-in" e-mail.
        SentMessages.Sent notice = sent.newest(account.email(), "Your Riverbend Clinic password was changed");
        assertThat(notice.body()).contains("call support at (507) 738-4013").doesNotContain(code);
        assertThat(sent.delivered(account.phone(), 2).getFirst().body()).contains("password was just changed");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        clock.advance(Duration.ofMinutes(31));
        var entered = browser.submit("/clinic/forgot-password/code", "code", code);

        assertThat(entered.statusCode()).isEqualTo(422);
        assertThat(entered.body()).contains("That code no longer works", "Ask for a new code");
    }

    @Test
    void aCodeWorksOnlyOnce() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);
        assertThat(browser.submit("/clinic/forgot-password/code", "code", code).statusCode()).isEqualTo(302);

        var again = browser.submit("/clinic/forgot-password/code", "code", code);
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("That code no longer works");

        browser.submit("/clinic/forgot-password/new-password", "password", NEW_PASSWORD);
        var afterReset = browser.post("/clinic/forgot-password/code", "code", code);
        assertThat(afterReset.statusCode()).isEqualTo(422);
        assertThat(FormSession.location(browser.get("/clinic/forgot-password/new-password")))
                .isEqualTo("/clinic/forgot-password");
    }

    @Test
    void fiveWrongTriesEndTheCode() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        for (int left = 4; left >= 1; left--) {
            assertThat(browser.submit("/clinic/forgot-password/code", "code", "2222-2222").body())
                    .contains("You have " + left + " more tries");
        }
        assertThat(browser.submit("/clinic/forgot-password/code", "code", "2222-2222").body())
                .contains("That code no longer works");

        var right = browser.submit("/clinic/forgot-password/code", "code", code);
        assertThat(right.statusCode()).isEqualTo(422);
        assertThat(right.body()).contains("That code no longer works");
    }

    @Test
    void aCodeTypedInAnotherBrowserIsRefused() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        new FormSession(port).submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        var elsewhere = new FormSession(port);
        elsewhere.get("/clinic/forgot-password");
        var withoutAsking = elsewhere.post("/clinic/forgot-password/code", "code", code);
        elsewhere.submit("/clinic/forgot-password", "username", account.username());
        var afterAskingToo = elsewhere.submit("/clinic/forgot-password/code", "code", code);

        assertThat(withoutAsking.statusCode()).isEqualTo(422);
        assertThat(afterAskingToo.statusCode()).isEqualTo(422);
        assertThat(afterAskingToo.body()).contains("That code is not right");
        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(302);
    }

    @Test
    void aWeakNewPasswordIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        browser.submit("/clinic/forgot-password/code", "code",
                SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE));

        var weak = browser.submit("/clinic/forgot-password/new-password", "password", "short");

        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("Choose a different password", "Use at least 12 characters");
        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(302);
        assertThat(FormSession.location(browser.submit("/clinic/forgot-password/new-password", "password", NEW_PASSWORD)))
                .isEqualTo("/clinic/forgot-password/done");
    }

    @Test
    void aCodeAskedForBeforeASignInLockNoLongerWorksButANewCodeOpensTheLockedAccount() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var before = new FormSession(port);
        before.submit("/clinic/forgot-password", "username", account.username());
        String oldCode = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        lockByWrongPasswords(account);

        var refused = before.submit("/clinic/forgot-password/code", "code", oldCode);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("That code no longer works");

        var after = new FormSession(port);
        after.submit("/clinic/forgot-password", "username", account.username());
        String newCode = SentMessages.code(sent.delivered(account.email(), 2).getFirst(), SentMessages.RESET_CODE);
        assertThat(FormSession.location(after.submit("/clinic/forgot-password/code", "code", newCode)))
                .isEqualTo("/clinic/forgot-password/new-password");
        after.submit("/clinic/forgot-password/new-password", "password", NEW_PASSWORD);

        // The reset cleared the failures and the lock: the new password works at once.
        assertThat(FormSession.location(new FormSession(port).signIn("clinic", account.username(), NEW_PASSWORD)))
                .isEqualTo("/clinic/home?signed-in");
    }

    @Test
    void aLockGivesUpOnlyTheCodesAskedForBeforeIt() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        Instant lockStarted = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        var browser = new FormSession(port);
        browser.submit("/clinic/forgot-password", "username", account.username());
        String code = SentMessages.code(sent.newest(account.email()), SentMessages.RESET_CODE);

        assertThat(reset.retireCodes(account.id(), lockStarted)).isZero();

        assertThat(FormSession.location(browser.submit("/clinic/forgot-password/code", "code", code)))
                .isEqualTo("/clinic/forgot-password/new-password");
    }

    /** Wrong passwords, waiting out each growing pause (by the clock), until the account is locked. */
    private void lockByWrongPasswords(Account account) throws Exception {
        var guesser = new FormSession(port);
        for (int failures = 1; ; failures++) {
            var answer = guesser.signIn("clinic", account.username(), "not-the-password-" + failures);
            if (answer.body().contains("is paused for")) {
                return;
            }
            assertThat(answer.statusCode()).as("failure %d", failures).isIn(422, 429);
            assertThat(failures).as("failures before a lock").isLessThan(20);
            // Free failures, then waits of 30 s doubling up to 5 minutes: step just past each.
            long wait = failures <= 3 ? 0 : Math.min(300, 30L << (failures - 4));
            clock.advance(Duration.ofSeconds(wait + 1));
        }
    }

    @Test
    void anAccountGetsAtMostThreeCodesAnHourAndTheAnswerStaysTheSame() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        for (int i = 0; i < 4; i++) {
            assertThat(FormSession.location(new FormSession(port).submit("/clinic/forgot-password", "username",
                    account.username()))).isEqualTo("/clinic/forgot-password/code");
        }

        assertThat(sent.queuedTo(account.email())).isEqualTo(3);
        assertThat(sent.queuedTo(account.phone())).isEqualTo(3);
    }

    @Test
    void strangersUsingUpAnAccountsCodesDoNotStopThePatientsOwnBrowser() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var ownBrowser = new FormSession(port);
        ownBrowser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        ownBrowser.get("/clinic/home");
        assertThat(FormSession.location(ownBrowser.post("/sign-out"))).startsWith("/clinic/sign-in");
        assertThat(ownBrowser.cookie("caregate_device")).isPresent();
        for (int i = 0; i < 4; i++) {
            new FormSession(port).submit("/clinic/forgot-password", "username", account.username());
        }
        assertThat(sent.queuedTo(account.email())).isEqualTo(3);

        ownBrowser.submit("/clinic/forgot-password", "username", account.username());

        assertThat(sent.queuedTo(account.email())).isEqualTo(4);
        // That browser's own allowance is three codes an hour, too.
        for (int i = 0; i < 3; i++) {
            ownBrowser.submit("/clinic/forgot-password", "username", account.username());
        }
        assertThat(sent.queuedTo(account.email())).isEqualTo(6);
    }

    @Test
    void oneAddressIsAskedToWaitAfterTenRequestsAnHour() throws Exception {
        for (int i = 0; i < 10; i++) {
            new FormSession(port).submit("/clinic/forgot-password", "username", "nobody-" + TestPatients.tag());
        }

        var eleventh = new FormSession(port).submit("/clinic/forgot-password", "username", "nobody-" + TestPatients.tag());

        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.body()).contains("Please wait an hour");
    }

    @Test
    void aBlankRequestIsRefusedWithWhatToDo() throws Exception {
        var answer = new FormSession(port).submit("/clinic/forgot-password", "username", "  ");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("Enter your username or the e-mail address on your account.");
    }

    @Test
    void theStepsAfterAskingSendABrowserThatDidNotAskBackToTheStart() throws Exception {
        var stranger = new FormSession(port);

        assertThat(FormSession.location(stranger.get("/clinic/forgot-password/code"))).isEqualTo("/clinic/forgot-password");
        assertThat(FormSession.location(stranger.get("/clinic/forgot-password/new-password")))
                .isEqualTo("/clinic/forgot-password");
        assertThat(FormSession.location(stranger.get("/clinic/forgot-password/done"))).isEqualTo("/clinic/sign-in");
    }

    @Test
    void thePagesSpeakSpanish() throws Exception {
        var browser = new FormSession(port);

        assertThat(browser.get("/clinic/forgot-password?lang=es").body()).contains("¿Olvidó su contraseña?");
        assertThat(browser.get("/clinic/forgot-username").body()).contains("¿Olvidó su nombre de usuario?");
        browser.post("/clinic/forgot-password", "username", "nadie-" + TestPatients.tag());
        assertThat(browser.get("/clinic/forgot-password/code").body()).contains("Si encontramos una cuenta");
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }
}
