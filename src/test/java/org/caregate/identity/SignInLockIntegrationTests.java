package org.caregate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** Wrong passwords through the sign-in page: growing waits, a temporary lock, and support lifting it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class SignInLockIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    MutableClock clock;

    @Test
    void repeatedWrongPasswordsMakeThePatientWaitThenPauseTheAccountWithTheTimeLeftAndHowToGetHelp() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var attacker = new FormSession(port);

        for (int i = 1; i <= 3; i++) {
            assertThat(attacker.signIn("clinic", account.username(), "wrong password " + i).statusCode()).isEqualTo(422);
            clock.advance(Duration.ofSeconds(1));
        }
        var fourth = attacker.signIn("clinic", account.username(), "wrong password 4");
        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Wait 30 seconds, then try again.");
        assertThat(fourth.headers().firstValue("Retry-After")).hasValue("30");
        // Even the right password waits its turn: the throttle answers before any password is checked.
        assertThat(attacker.signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode()).isEqualTo(429);

        HttpResponse<String> answer = fourth;
        for (int i = 5; i <= 10; i++) {
            clock.advance(Duration.ofMinutes(6));
            answer = attacker.signIn("clinic", account.username(), "wrong password " + i);
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.body()).contains("paused for 15 more minutes", "(507) 738-4013", "Reset your password");

        clock.advance(Duration.ofMinutes(10));
        assertThat(attacker.signIn("clinic", account.username(), TestPatients.PASSWORD).body())
                .contains("paused for 5 more minutes");
        clock.advance(Duration.ofMinutes(6));
        assertThat(FormSession.location(attacker.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/home?signed-in");
    }

    @Test
    void supportLiftsALockAtOnce() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        for (int i = 1; i <= 10; i++) {
            browser.signIn("clinic", account.username(), "wrong password " + i);
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(browser.signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode()).isEqualTo(429);

        accounts.unlockSignIn(account.id());

        assertThat(FormSession.location(browser.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/home?signed-in");
    }

    @Test
    void anAttackersLockDoesNotKeepThePatientOutOfTheirOwnBrowser() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var patient = new FormSession(port);
        assertThat(patient.signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode()).isEqualTo(302);
        patient.post("/sign-out");

        var attacker = new FormSession(port);
        for (int i = 1; i <= 10; i++) {
            attacker.signIn("clinic", account.username(), "guess " + i);
            clock.advance(Duration.ofMinutes(6));
        }
        assertThat(attacker.signIn("clinic", account.username(), TestPatients.PASSWORD).body()).contains("paused for");

        assertThat(FormSession.location(patient.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/home?signed-in");
    }

    @Test
    void anUnknownNameIsThrottledExactlyLikeARealOne() throws Exception {
        var browser = new FormSession(port);
        String nobody = "nobody-" + TestPatients.tag();
        for (int i = 1; i <= 3; i++) {
            browser.signIn("clinic", nobody, "guess " + i);
            clock.advance(Duration.ofSeconds(1));
        }
        var fourth = browser.signIn("clinic", nobody, "guess 4");

        assertThat(fourth.statusCode()).isEqualTo(429);
        assertThat(fourth.body()).contains("Wait 30 seconds, then try again.");
    }
}
