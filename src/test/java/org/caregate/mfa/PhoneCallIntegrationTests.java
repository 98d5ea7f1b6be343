package org.caregate.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
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

/**
 * The second factor by phone call, over real HTTP: the call goes through the outbox to the dev
 * outbox, whose "press a key" buttons take the same path a provider's verified webhook takes
 * ({@code notify.calls.CallOutcomes}). The clinic requires a second factor.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "caregate.mfa.required-from.clinic=2026-01-01"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class PhoneCallIntegrationTests {

    private static final Pattern KEY = Pattern.compile("press (\\d) now");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshSendWindow() {
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void aLandlineIsSetUpByPressingTheKeyTheCallAsksForAndAWrongKeyFailsTheCall() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String landline = landline(account);
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/set-up");

        var asked = browser.post("/clinic/sign-in/step/set-up", "how", "call", "phone", landline);
        assertThat(FormSession.location(asked)).isEqualTo("/clinic/sign-in/step/set-up/call");
        SentMessages.Sent call = sent.newest(landline);
        assertThat(call.channel()).isEqualTo("VOICE");
        assertThat(call.callRef()).isNotBlank();
        assertThat(call.body()).contains("This is Riverbend Clinic", "(507) 738-4013").doesNotContain(account.username());
        var page = browser.get("/clinic/sign-in/step/set-up/call");
        assertThat(page.body()).contains("We are calling", "Call me again", "I pressed the key: continue");
        assertThat(status(browser, "/clinic/sign-in/step/set-up/call/status")).isEqualTo("CALLING");

        // "Continue" before the key: not yet, and nothing is saved.
        var early = browser.post("/clinic/sign-in/step/set-up/call");
        assertThat(early.statusCode()).isEqualTo(422);
        assertThat(early.body()).contains("We have not heard the key yet");

        press(call, otherThan(key(call)));
        assertThat(status(browser, "/clinic/sign-in/step/set-up/call/status")).isEqualTo("FAILED");
        var failed = browser.post("/clinic/sign-in/step/set-up/call");
        assertThat(failed.statusCode()).isEqualTo(422);
        assertThat(failed.body()).contains("Call me again");
        assertThat(phoneOnFile(account)).isZero();

        // Call again: a wait first, then a new call with its own key.
        browser.get("/clinic/sign-in/step/set-up/call");
        var tooSoon = browser.post("/clinic/sign-in/step/set-up/call/again");
        assertThat(FormSession.location(tooSoon)).isEqualTo("/clinic/sign-in/step/set-up/call");
        assertThat(browser.get("/clinic/sign-in/step/set-up/call").body()).contains("Please wait");
        clock.advance(Duration.ofSeconds(31));
        browser.post("/clinic/sign-in/step/set-up/call/again");
        SentMessages.Sent second = sent.newest(landline);
        assertThat(second.callRef()).isNotEqualTo(call.callRef());
        // The first call's key no longer counts for anything.
        press(call, key(call));
        assertThat(status(browser, "/clinic/sign-in/step/set-up/call/status")).isEqualTo("CALLING");

        press(second, key(second));
        assertThat(status(browser, "/clinic/sign-in/step/set-up/call/status")).isEqualTo("APPROVED");
        browser.get("/clinic/sign-in/step/set-up/call");
        var proved = browser.post("/clinic/sign-in/step/set-up/call");
        assertThat(proved.statusCode()).isEqualTo(200);
        assertThat(proved.body()).contains("recovery codes");
        assertThat(jdbc.sql("SELECT kind FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo("LANDLINE");
    }

    @Test
    void aLandlineSignsInByCallAndTheApprovalOpensOnlyTheAttemptThatPlacedTheCall() throws Exception {
        Account account = enrolledByCall();
        var mine = new FormSession(port);
        var theirs = new FormSession(port);

        // A landline takes calls only: the call is the first way asked for, and no text is sent.
        assertThat(SecondFactorIntegrationTests.withoutMarker(mine.signIn("clinic", account.username(), TestPatients.PASSWORD)))
                .isEqualTo("/clinic/sign-in/step/call");
        mine.get("/clinic/sign-in/step/call");
        SentMessages.Sent myCall = sent.newest(landline(account));
        theirs.signIn("clinic", account.username(), TestPatients.PASSWORD);
        clock.advance(Duration.ofSeconds(1));
        theirs.get("/clinic/sign-in/step/call");
        SentMessages.Sent theirCall = sent.newest(landline(account));
        assertThat(theirCall.callRef()).isNotEqualTo(myCall.callRef());
        assertThat(jdbc.sql("SELECT count(*) FROM notify_outbox WHERE recipient = ? AND channel = 'SMS'")
                .param(landline(account)).query(Long.class).single()).isZero();

        press(myCall, key(myCall));

        assertThat(status(mine, "/clinic/sign-in/step/call/status")).isEqualTo("APPROVED");
        assertThat(status(theirs, "/clinic/sign-in/step/call/status")).isEqualTo("CALLING");
        assertThat(theirs.post("/clinic/sign-in/step/call").statusCode()).isEqualTo(422);
        assertThat(FormSession.location(theirs.get("/clinic/home"))).isEqualTo("/clinic/sign-in/step/call");
        assertThat(FormSession.location(mine.post("/clinic/sign-in/step/call"))).isEqualTo("/clinic/home");
        assertThat(mine.get("/clinic/home").statusCode()).isEqualTo(200);

        // The approval worked once: pressing the key again opens nothing for anyone.
        press(myCall, key(myCall));
        assertThat(theirs.post("/clinic/sign-in/step/call").statusCode()).isEqualTo(422);
    }

    @Test
    void hangingUpOrAnsweringTooLateFailsTheCall() throws Exception {
        Account account = enrolledByCall();
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/call");
        SentMessages.Sent hungUp = sent.newest(landline(account));

        press(hungUp, "");
        assertThat(status(browser, "/clinic/sign-in/step/call/status")).isEqualTo("FAILED");
        assertThat(browser.get("/clinic/sign-in/step/call").body()).contains("The call did not let you in");
        assertThat(jdbc.sql("SELECT outcome || ' ' || method FROM session_sign_in_event WHERE account_id = ? ORDER BY id")
                .param(account.id().value()).query(String.class).list())
                .containsSubsequence("SECOND_FACTOR_ADDED PHONE_CALL", "SECOND_FACTOR_FAILED PHONE_CALL");

        clock.advance(Duration.ofSeconds(31));
        browser.post("/clinic/sign-in/step/call/again");
        SentMessages.Sent late = sent.newest(landline(account));
        assertThat(late.callRef()).isNotEqualTo(hungUp.callRef());
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        press(late, key(late));
        assertThat(status(browser, "/clinic/sign-in/step/call/status")).isEqualTo("FAILED");
        assertThat(browser.post("/clinic/sign-in/step/call").statusCode()).isEqualTo(422);
    }

    @Test
    void callsAndTextsShareTheLimitOfFivePerAccountPerFifteenMinutes() throws Exception {
        Account account = enrolledByCall();
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/call");
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(31));
            browser.post("/clinic/sign-in/step/call/again");
            assertThat(browser.get("/clinic/sign-in/step/call").body()).contains("We are calling again");
        }
        clock.advance(Duration.ofSeconds(31));
        browser.post("/clinic/sign-in/step/call/again");

        assertThat(jdbc.sql("SELECT count(*) FROM mfa_call WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).as("calls placed").isEqualTo(6);
        assertThat(browser.get("/clinic/sign-in/step/call").body()).contains("as many codes as we can");
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_call WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void inSettingsALandlineProvesItIsThePersonByCallAndANewNumberIsSavedOnlyOnceItsKeyIsPressed() throws Exception {
        Account account = enrolledByCall();
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/call");
        press(sent.newest(landline(account)), key(sent.newest(landline(account))));
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/call"))).isEqualTo("/clinic/home");
        // The check at sign-in is recent for ten minutes; then a change asks for a new one.
        clock.advance(Duration.ofMinutes(11));
        var overview = browser.get("/clinic/account/second-factor");
        assertThat(overview.body()).contains("A phone call to").doesNotContain("A code by text message");
        assertThat(FormSession.location(browser.get("/clinic/account/second-factor/phone")))
                .isEqualTo("/clinic/account/second-factor/check");
        var check = browser.get("/clinic/account/second-factor/check");
        // Calls only: no code is ever texted to a landline.
        assertThat(check.body()).contains("Call my phone ending in").doesNotContain("Text a code");

        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/check/call/start")))
                .isEqualTo("/clinic/account/second-factor/check/call");
        SentMessages.Sent checkCall = sent.newest(landline(account));
        browser.get("/clinic/account/second-factor/check/call");
        assertThat(browser.post("/clinic/account/second-factor/check/call").statusCode()).isEqualTo(422);
        press(checkCall, key(checkCall));
        assertThat(status(browser, "/clinic/account/second-factor/check/call/status")).isEqualTo("APPROVED");
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/check/call")))
                .isEqualTo("/clinic/account/second-factor");

        String newLandline = "+34920" + landline(account).substring(landline(account).length() - 6);
        browser.get("/clinic/account/second-factor/phone");
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/phone", "how", "call", "phone",
                newLandline))).isEqualTo("/clinic/account/second-factor/phone/call");
        SentMessages.Sent newCall = sent.newest(newLandline);
        browser.get("/clinic/account/second-factor/phone/call");
        assertThat(browser.post("/clinic/account/second-factor/phone/call").statusCode()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(landline(account));
        press(newCall, key(newCall));
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/phone/call")))
                .isEqualTo("/clinic/account/second-factor");
        assertThat(jdbc.sql("SELECT number_e164 FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(String.class).single()).isEqualTo(newLandline);
        assertThat(browser.get("/clinic/account/second-factor").body()).contains("Your phone for the second step is changed");
    }

    /** An account that set its phone up for calls (a landline) and signed in once. */
    private Account enrolledByCall() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/set-up");
        browser.post("/clinic/sign-in/step/set-up", "how", "call", "phone", landline(account));
        SentMessages.Sent call = sent.newest(landline(account));
        press(call, key(call));
        browser.get("/clinic/sign-in/step/set-up/call");
        browser.post("/clinic/sign-in/step/set-up/call");
        assertThat(FormSession.location(browser.post("/clinic/sign-in/step/recovery-codes/done"))).isEqualTo("/clinic/home");
        clock.advance(Duration.ofHours(1));
        return account;
    }

    /** Answers the call in the dev outbox: presses {@code key}, or hangs up when it is empty. */
    private void press(SentMessages.Sent call, String key) throws Exception {
        var phone = new FormSession(port);
        phone.get("/dev/outbox");
        var pressed = phone.post("/dev/outbox/calls/" + call.callRef(), "key", key);
        assertThat(FormSession.location(pressed)).isEqualTo("/dev/outbox");
    }

    private static String status(FormSession browser, String path) throws Exception {
        HttpResponse<String> answer = browser.get(path);
        assertThat(answer.statusCode()).isEqualTo(200);
        Matcher state = Pattern.compile("\"state\"\\s*:\\s*\"([A-Z]+)\"").matcher(answer.body());
        assertThat(state.find()).as(answer.body()).isTrue();
        return state.group(1);
    }

    /** A Madrid landline of the account's own (the test patients' mobiles are Spanish and unique). */
    private static String landline(Account account) {
        return "+34910" + account.phone().substring(account.phone().length() - 6);
    }

    private long phoneOnFile(Account account) {
        return jdbc.sql("SELECT count(*) FROM mfa_phone WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single();
    }

    private static String key(SentMessages.Sent call) {
        Matcher key = KEY.matcher(call.body());
        assertThat(key.find()).as(call.body()).isTrue();
        return key.group(1);
    }

    private static String otherThan(String key) {
        return key.equals("1") ? "2" : "1";
    }
}
