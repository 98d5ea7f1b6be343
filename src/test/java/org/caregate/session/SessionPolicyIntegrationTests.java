package org.caregate.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.SentMessages;
import org.caregate.identity.SignInFailed;
import org.caregate.identity.SignInMethod;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** Session policy: absolute limit, signing out everywhere, password changes, sign-in history and new-browser e-mail. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class, SessionTestSupport.class})
class SessionPolicyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    SessionTestSupport.SignOutsEverywhere signOutsEverywhere;

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void theHistoryShowsSignInsAndWrongPasswordsWithTheDeviceAndNoAddress() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port).userAgent(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36");
        browser.signIn("clinic", account.username(), "not the password, sorry");
        clock.advance(Duration.ofSeconds(5));
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        var page = browser.get("/clinic/account/sign-ins");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Recent sign-ins to your account", "Chrome Mobile on Android", "Signed in",
                "Wrong password", "Sign out of all devices");
        assertThat(page.body().indexOf("Signed in")).isLessThan(page.body().indexOf("Wrong password"));
        assertThat(page.body()).doesNotContain("Pixel 8", "AppleWebKit", "127.0.0.1");
        assertThat(jdbc.sql("SELECT device FROM session_sign_in_event WHERE account_id = ?").param(account.id().value())
                .query(String.class).list()).containsOnly("Chrome Mobile on Android");
        assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'session_sign_in_event'")
                .query(String.class).list()).containsExactlyInAnyOrder("id", "account_id", "at", "device", "method", "outcome");
    }

    @Test
    void aPauseAfterManyTriesIsShownInWordsInTheHistory() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        events.publishEvent(new SignInFailed(account.id(), SignInMethod.PASSWORD, clock.instant(), SignInFailed.Reason.LOCKED,
                "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"));
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        var page = browser.get("/clinic/account/sign-ins");

        assertThat(page.body()).contains("Paused after many wrong passwords", "Mobile Safari on iOS");
    }

    @Test
    void theHistoryIsShownInSpanishToo() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/home?lang=es");

        var page = browser.get("/clinic/account/sign-ins");

        assertThat(page.body()).contains("Inicios de sesión recientes", "Chrome en Linux", "Inició sesión");
    }

    @Test
    void aBrowserNewToTheAccountBringsOneEmailAndNotTheNextTime() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        // The first sign-in, in the browser the account was just opened in, is expected: no e-mail.
        new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(newSignInEmails(account)).isZero();

        var laptop = new FormSession(port).userAgent(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
        laptop.signIn("clinic", account.username(), TestPatients.PASSWORD);
        laptop.post("/sign-out");
        laptop.signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(newSignInEmails(account)).isEqualTo(1);
        var sent = new SentMessages(port, jdbc).newest(account.email(), "New sign-in to your patient portal account");
        assertThat(sent.body()).contains("Firefox on Windows", "Central", "/clinic/sign-in", "Riverbend Clinic support at (507) 738-4013")
                .doesNotContain(account.username());
    }

    @Test
    void aSignInLongAfterTheAccountWasOpenedIsNotQuietEvenTheFirstTime() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        clock.advance(Duration.ofHours(2));

        new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(newSignInEmails(account)).isEqualTo(1);
    }

    @Test
    void signingOutOfAllDevicesEndsEverySessionOfTheAccountAndNoOneElses() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        Account someoneElse = patients.patientWithAccount("clinic");
        var phone = new FormSession(port);
        var laptop = new FormSession(port);
        var other = new FormSession(port);
        phone.signIn("clinic", account.username(), TestPatients.PASSWORD);
        laptop.signIn("clinic", account.username(), TestPatients.PASSWORD);
        other.signIn("clinic", someoneElse.username(), TestPatients.PASSWORD);
        laptop.get("/clinic/account/sign-ins");

        var answer = laptop.post("/clinic/account/sign-out-everywhere");

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-in?signed-out-everywhere");
        assertThat(laptop.get("/clinic/sign-in?signed-out-everywhere").body()).contains("You are signed out on every device");
        assertThat(signOutsEverywhere.seen).anyMatch(event -> event.accountId().equals(account.id()));
        assertThat(signOutsEverywhere.seen).noneMatch(event -> event.accountId().equals(someoneElse.id()));
        assertThat(phone.get("/clinic/home").statusCode()).isEqualTo(302);
        assertThat(laptop.get("/clinic/home").statusCode()).isEqualTo(302);
        assertThat(other.get("/clinic/home").statusCode()).isEqualTo(200);
        assertThat(sessionsOf(account)).isZero();
    }

    @Test
    void aPasswordResetEndsEverySessionAndAChangeEndsTheOthers() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var phone = new FormSession(port);
        var laptop = new FormSession(port);
        phone.signIn("clinic", account.username(), TestPatients.PASSWORD);
        laptop.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(sessionsOf(account)).isEqualTo(2);

        accounts.setPassword(account.id(), "linen-cobalt-harbour-77", PasswordChanged.How.RESET);

        assertThat(sessionsOf(account)).isZero();
        assertThat(phone.get("/clinic/home").statusCode()).isEqualTo(302);
    }

    @Test
    void changingThePasswordWhileSignedInEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var phone = new FormSession(port);
        var laptop = new FormSession(port);
        phone.signIn("clinic", account.username(), TestPatients.PASSWORD);
        laptop.signIn("clinic", account.username(), TestPatients.PASSWORD);

        var changed = laptop.submit("/clinic/account/password", "current", TestPatients.PASSWORD, "password",
                "linen-cobalt-harbour-77");

        assertThat(FormSession.location(changed)).isEqualTo("/clinic/account");
        assertThat(sessionsOf(account)).isOne();
        assertThat(laptop.get("/clinic/home").statusCode()).isEqualTo(200);
        assertThat(FormSession.location(phone.get("/clinic/home"))).isEqualTo("/clinic/sign-in?timed-out");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverBusy() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        for (int hour = 0; hour < 11; hour++) {
            clock.advance(Duration.ofHours(1));
            assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(61));
        var answer = browser.get("/clinic/home");

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-in?time-limit");
        assertThat(browser.get("/clinic/sign-in?time-limit").body()).contains("signed in for a long time");
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(302);
        assertThat(sessionsOf(account)).isZero();
    }

    private long newSignInEmails(Account account) {
        return jdbc.sql("SELECT count(*) FROM notify_outbox WHERE recipient = ? AND subject = 'New sign-in to your patient portal account'")
                .param(account.email()).query(Long.class).single();
    }

    private long sessionsOf(Account account) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(account.id().toString())
                .query(Long.class).single();
    }
}
