package org.caregate.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PasswordChanged;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
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
        assertThat(jdbc.sql("SELECT column_name FROM information_schema.columns WHERE table_name = 'session_sign_in_event'")
                .query(String.class).list()).containsExactlyInAnyOrder("id", "account_id", "at", "device", "method", "outcome");
    }

    @Test
    void aBrowserNewToTheAccountBringsOneEmailAndNotTheNextTime() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);

        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.post("/sign-out");
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(newSignInEmails(account)).isEqualTo(1);
        new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(newSignInEmails(account)).isEqualTo(2);
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

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-in?timed-out");
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(302);
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
