package org.caregate.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.SentMessages;
import org.caregate.mfa.internal.Factors;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The passkey endpoints over real HTTP, for what a browser cannot be made to send: answers without
 * a challenge, garbled or oversized, challenges used twice, and the rules for adding one (another
 * factor first, a recent check). The journeys with a real authenticator are in the browser tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "caregate.mfa.required-from.clinic=2026-01-01", "caregate.mfa.required-from.health-system=2027-03-31"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class PasskeyIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Factors factors;

    @Autowired
    SecondFactorReset reset;

    SentMessages sent;

    @BeforeEach
    void later() {
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void aPasskeySignInWithoutAChallengeOrWithAGarbledAnswerIsRefusedWithAPlainMessage() throws Exception {
        var browser = new FormSession(port);
        browser.get("/clinic/sign-in");
        var noChallenge = browser.post("/clinic/sign-in/passkey", "credential", "{}");
        assertThat(FormSession.location(noChallenge)).isEqualTo("/clinic/sign-in");
        assertThat(browser.get("/clinic/sign-in").body()).contains("That took too long");

        var options = browser.post("/clinic/sign-in/passkey/options");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(options.body()).contains("\"rpId\":\"localhost\"", "\"userVerification\":\"required\"",
                "\"allowCredentials\":[]").containsPattern("\"challenge\":\"[A-Za-z0-9_-]{43}\"");

        browser.get("/clinic/sign-in");
        var garbled = browser.post("/clinic/sign-in/passkey", "credential", "{not json");
        assertThat(FormSession.location(garbled)).isEqualTo("/clinic/sign-in");
        assertThat(browser.get("/clinic/sign-in").body()).contains("We could not sign you in with that passkey");

        // The challenge answered once; the same answer again finds none.
        var again = browser.post("/clinic/sign-in/passkey", "credential", "{not json");
        assertThat(FormSession.location(again)).isEqualTo("/clinic/sign-in");
        assertThat(browser.get("/clinic/sign-in").body()).contains("That took too long");

        browser.post("/clinic/sign-in/passkey/options");
        browser.get("/clinic/sign-in");
        var huge = browser.post("/clinic/sign-in/passkey", "credential", "x".repeat(20_000));
        assertThat(FormSession.location(huge)).isEqualTo("/clinic/sign-in");
        assertThat(browser.get("/clinic/sign-in").body()).contains("That took too long");

        // An unknown passkey (a well-formed answer for an id the portal never saw).
        browser.post("/clinic/sign-in/passkey/options");
        browser.get("/clinic/sign-in");
        var unknown = browser.post("/clinic/sign-in/passkey", "credential", """
                {"id":"AAAA","rawId":"AAAA","type":"public-key","response":{"clientDataJSON":"e30",
                "authenticatorData":"AAAA","signature":"AAAA","userHandle":"AAAA"},"clientExtensionResults":{}}""");
        assertThat(FormSession.location(unknown)).isEqualTo("/clinic/sign-in");
        assertThat(browser.get("/clinic/sign-in").body()).contains("We could not sign you in with that passkey");

        assertThat(browser.post("/nowhere/sign-in/passkey/options").statusCode()).isEqualTo(404);
    }

    @Test
    void aPasskeyIsAddedOnlyNextToAnotherFactorAndAfterARecentCheck() throws Exception {
        // Offered a second factor but said "not now": nothing to fall back on, so no passkey yet.
        Account without = patients.patientWithAccount("health-system");
        var first = new FormSession(port);
        first.signIn("health-system", without.username(), TestPatients.PASSWORD);
        first.get("/health-system/sign-in/step/set-up");
        assertThat(FormSession.location(first.post("/health-system/sign-in/step/set-up/not-now")))
                .startsWith("/health-system/home");
        assertThat(first.get("/health-system/account/second-factor").body())
                .contains("To add a passkey, first set up a text message");
        var refused = first.post("/health-system/account/second-factor/passkeys/options");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.body()).contains("\"next\":\"/health-system/account/second-factor\"");

        Account account = withPhone("clinic");
        var browser = signedInWithCode(account);
        clock.advance(Duration.ofMinutes(11));
        var stale = browser.post("/clinic/account/second-factor/passkeys/options");
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(stale.body()).contains("\"next\":\"/clinic/account/second-factor/check\"");
        assertThat(FormSession.location(browser.post("/clinic/account/second-factor/passkeys", "name", "Phone",
                "credential", "{}"))).isEqualTo("/clinic/account/second-factor/check");

        // A check by text again: now the browser is given the options to make one.
        browser.get("/clinic/account/second-factor/check");
        browser.post("/clinic/account/second-factor/check/text");
        browser.post("/clinic/account/second-factor/check", "method", "text", "code",
                SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS));
        var options = browser.post("/clinic/account/second-factor/passkeys/options");
        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(options.body()).contains("\"rp\":{", "\"id\":\"localhost\"", "\"name\":\"Riverbend Clinic\"",
                "\"residentKey\":\"required\"", "\"userVerification\":\"required\"", "\"attestation\":\"none\"",
                "\"excludeCredentials\":[]", "\"name\":\"" + account.username() + "\"");

        browser.get("/clinic/account/second-factor");
        var garbled = browser.post("/clinic/account/second-factor/passkeys", "name", "Phone", "credential", "{\"id\":1}");
        assertThat(FormSession.location(garbled)).isEqualTo("/clinic/account/second-factor");
        assertThat(browser.get("/clinic/account/second-factor").body()).contains("The passkey was not added");
        assertThat(passkeys(account)).isZero();

        var notTheirs = browser.post("/clinic/account/second-factor/passkeys/" + UUID.randomUUID() + "/remove");
        assertThat(notTheirs.statusCode()).isEqualTo(404);
    }

    @Test
    void aSupportResetRemovesThePasskeysToo() throws Exception {
        Account account = withPhone("clinic");
        jdbc.sql("""
                INSERT INTO mfa_passkey (id, account_id, credential_id, credential_data, sign_count, backup_eligible,
                    backed_up, transports, name, created_at)
                VALUES (?, ?, ?, ?, 0, true, true, 'internal', 'Phone', now())
                """).params(UUID.randomUUID(), account.id().value(), new byte[] {1, 2, 3}, new byte[] {4}).update();
        assertThat(passkeys(account)).isOne();

        reset.reset(account.id());

        assertThat(passkeys(account)).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM session_sign_in_event WHERE account_id = ? AND outcome = 'SECOND_FACTOR_REMOVED' AND method = 'PASSKEY'")
                .param(account.id().value()).query(Long.class).single()).isOne();
    }

    private Account withPhone(String organizationId) {
        Account account = patients.patientWithAccount(organizationId);
        factors.savePhone(account.id(), new PhoneNumber(account.phone(), PhoneKind.MOBILE), clock.instant());
        return account;
    }

    private FormSession signedInWithCode(Account account) throws Exception {
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/sign-in/step/code");
        var home = browser.post("/clinic/sign-in/step/code", "code",
                SentMessages.code(sent.newest(account.phone()), SentMessages.SIX_DIGITS));
        assertThat(FormSession.location(home)).isEqualTo("/clinic/home");
        return browser;
    }

    private long passkeys(Account account) {
        return jdbc.sql("SELECT count(*) FROM mfa_passkey WHERE account_id = ?").param(account.id().value())
                .query(Long.class).single();
    }
}
