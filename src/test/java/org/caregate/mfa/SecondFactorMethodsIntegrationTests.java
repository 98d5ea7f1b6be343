package org.caregate.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.TestTotp;
import org.caregate.identity.Account;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The second step by authenticator app and recovery code, and "Try another way", over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "caregate.mfa.required-from.clinic=2026-01-01", "caregate.mfa.required-from.health-system=2027-03-31"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class SecondFactorMethodsIntegrationTests {

    private static final Pattern KEY = Pattern.compile("<strong class=\"reference\">([A-Z2-7 ]{16,})</strong>");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void later() {
        clock.advance(Duration.ofHours(1));
    }

    @Test
    void anAuthenticatorAppIsSetUpWithItsKeyAndThenAskedForFirstAtEachSignIn() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        var setUp = browser.get("/clinic/sign-in/step/set-up/app");
        assertThat(setUp.body()).contains("data:image/svg+xml", "Scan this QR code");
        String seed = key(setUp.body());

        var wrong = browser.post("/clinic/sign-in/step/set-up/app", "code", TestTotp.otherThan(TestTotp.code(seed, clock.instant())));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("does not match").doesNotContain("data:image/svg+xml");
        var confirmed = browser.post("/clinic/sign-in/step/set-up/app", "code", TestTotp.code(seed, clock.instant()));
        List<String> codes = SecondFactorIntegrationTests.recoveryCodes(confirmed.body());
        assertThat(codes).hasSize(10);
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/recovery-codes/done"))).isEqualTo("/clinic/home");

        clock.advance(Duration.ofSeconds(60));
        var next = new FormSession(port);
        assertThat(SecondFactorIntegrationTests.withoutMarker(next.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/app");
        String now = TestTotp.code(seed, clock.instant());
        next.get("/clinic/sign-in/step/app");
        assertThat(FormSession.location(next.post("/clinic/sign-in/step/app", "code", now))).isEqualTo("/clinic/home");

        // The same code (the same 30-second step) is never accepted twice.
        var replay = new FormSession(port);
        replay.signIn("clinic", account.username(), TestPatients.PASSWORD);
        replay.get("/clinic/sign-in/step/app");
        assertThat(replay.post("/clinic/sign-in/step/app", "code", now).statusCode()).isEqualTo(422);
    }

    @Test
    void tryAnotherWayListsTheAccountsMethodsAndARecoveryCodeWorksOnce() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        String seed = key(browser.get("/clinic/sign-in/step/set-up/app").body());
        List<String> codes = SecondFactorIntegrationTests.recoveryCodes(
                browser.post("/clinic/sign-in/step/set-up/app", "code", TestTotp.code(seed, clock.instant())).body());
        browser.post("/clinic/sign-in/step/recovery-codes/done");

        var lostPhone = new FormSession(port);
        lostPhone.signIn("clinic", account.username(), TestPatients.PASSWORD);
        var other = lostPhone.get("/clinic/sign-in/step/other");
        assertThat(other.body()).contains("Use the code from my authenticator app", "Use a recovery code", "(507) 738-4013")
                .doesNotContain("Text a code");
        lostPhone.get("/clinic/sign-in/step/recovery");
        assertThat(FormSession.location(lostPhone.post("/clinic/sign-in/step/recovery", "code",
                codes.getFirst().toLowerCase().replace("-", " ")))).isEqualTo("/clinic/home");

        var again = new FormSession(port);
        again.signIn("clinic", account.username(), TestPatients.PASSWORD);
        again.get("/clinic/sign-in/step/recovery");
        var used = again.post("/clinic/sign-in/step/recovery", "code", codes.getFirst());
        assertThat(used.statusCode()).isEqualTo(422);
        assertThat(used.body()).contains("does not work", "4 more tries");
    }

    @Test
    void fiveWrongAppCodesEndTheAttemptsTries() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        String seed = key(browser.get("/clinic/sign-in/step/set-up/app").body());
        browser.post("/clinic/sign-in/step/set-up/app", "code", TestTotp.code(seed, clock.instant()));
        browser.post("/clinic/sign-in/step/recovery-codes/done");
        clock.advance(Duration.ofSeconds(60));

        var guesser = new FormSession(port);
        guesser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        guesser.get("/clinic/sign-in/step/app");
        for (int i = 0; i < 5; i++) {
            String wrong = TestTotp.otherThan(TestTotp.code(seed, clock.instant()));
            assertThat(guesser.post("/clinic/sign-in/step/app", "code", wrong).statusCode())
                    .isEqualTo(422);
        }
        var right = guesser.post("/clinic/sign-in/step/app", "code", TestTotp.code(seed, clock.instant()));

        assertThat(right.statusCode()).isEqualTo(422);
        assertThat(right.body()).contains("Too many wrong codes");
    }

    @Test
    void changesInSettingsNeedARecentCheckAndEveryContactIsTold() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        String seed = key(browser.get("/clinic/sign-in/step/set-up/app").body());
        List<String> first = SecondFactorIntegrationTests.recoveryCodes(
                browser.post("/clinic/sign-in/step/set-up/app", "code", TestTotp.code(seed, clock.instant())).body());
        browser.post("/clinic/sign-in/step/recovery-codes/done");

        // Right after signing in, the sign-in's check counts: new recovery codes at once.
        var settings = browser.get("/clinic/account/second-factor");
        assertThat(settings.body()).contains("A code from your authenticator app", "Recovery codes left: 10");
        var fresh = browser.post("/clinic/account/second-factor/new-recovery-codes");
        List<String> second = SecondFactorIntegrationTests.recoveryCodes(fresh.body());
        assertThat(second).hasSize(10).doesNotContainAnyElementsOf(first);
        assertThat(new SentMessages(port, jdbc).newest(account.email(), "New recovery codes for your Riverbend Clinic account")
                .body()).contains("call support at (507) 738-4013").doesNotContain(second.getFirst());

        // Eleven minutes later a change asks for the second step again.
        clock.advance(Duration.ofMinutes(11));
        browser.get("/clinic/account/second-factor");
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/remove-app")))
                .isEqualTo("/clinic/account/second-factor/check");
        browser.get("/clinic/account/second-factor/check");
        var wrong = browser.post("/clinic/account/second-factor/check", "method", "recovery", "code", first.getFirst());
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/check", "method", "recovery", "code",
                second.getFirst()))).isEqualTo("/clinic/account/second-factor");
        browser.get("/clinic/account/second-factor");
        // The clinic requires a second step and the app is the only one: it stays.
        browser.post("/clinic/account/second-factor/remove-app");
        assertThat(browser.get("/clinic/account/second-factor").body()).contains("You cannot remove your only second step");
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_authenticator WHERE account_id = ? AND confirmed_at IS NOT NULL")
                .param(account.id().value()).query(Long.class).single()).isEqualTo(1);
    }

    private static String key(String page) {
        Matcher key = KEY.matcher(page);
        assertThat(key.find()).as("the typed key is on the page").isTrue();
        return key.group(1).replace(" ", "");
    }
}
