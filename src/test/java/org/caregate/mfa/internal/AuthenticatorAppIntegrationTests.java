package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caregate.IntegrationTest;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.AuthenticatorEnrolment;
import org.caregate.mfa.EnrolmentConfirmation;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.SecondFactorRemoved;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Authenticator apps on the real database: enrolment, the accepted window, and no replay. */
@IntegrationTest
@Import({TestPatients.class, MutableClockConfiguration.class})
@RecordApplicationEvents
class AuthenticatorAppIntegrationTests {

    @Autowired
    AuthenticatorApps apps;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    @Autowired
    Authenticators authenticators;

    @Autowired
    SeedCipher cipher;

    @Autowired
    QrCodes qrCodes;

    @Autowired
    AccountManagement accounts;

    @Autowired
    MfaSettings settings;

    @Autowired
    ApplicationEventPublisher publisher;

    /** A patient whose app is set up, and the seed their app holds. */
    record Enrolled(AccountId account, byte[] seed) {}

    Enrolled enrolled() {
        Account account = patients.patientWithAccount("clinic");
        byte[] seed = seedOf(apps.startEnrolment(account.id()));
        assertThat(apps.confirmEnrolment(account.id(), codeAt(seed, 0))).isEqualTo(EnrolmentConfirmation.CONFIRMED);
        // The confirming code's step is used up; tests start three steps later, so that only the
        // window, not the replay rule, decides about the steps around now.
        clock.advance(Duration.ofSeconds(3 * Totp.PERIOD_SECONDS));
        return new Enrolled(account.id(), seed);
    }

    /** The code the person's app shows {@code offset} steps from now. */
    String codeAt(byte[] seed, int offset) {
        return Totp.code(seed, Totp.step(clock.instant()) + offset, 6);
    }

    /** What the app reads from the typed key, decoded independently of the portal's encoder. */
    static byte[] seedOf(AuthenticatorEnrolment enrolment) {
        String base32 = enrolment.typedKey().replace(" ", "");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        byte[] bytes = new byte[base32.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes[index++] = (byte) (buffer >> (bits - 8));
                bits -= 8;
            }
        }
        return bytes;
    }

    @Test
    void enrolmentGivesTheUriTheTypedKeyAndAQrCodeOfTheUri() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        AuthenticatorEnrolment enrolment = apps.startEnrolment(account.id());

        assertThat(enrolment.typedKey()).matches("([A-Z2-7]{4} ){7}[A-Z2-7]{4}");
        String secret = enrolment.typedKey().replace(" ", "");
        assertThat(enrolment.uri()).isEqualTo("otpauth://totp/Caregate:" + account.username() + "?secret=" + secret
                + "&issuer=Caregate&algorithm=SHA1&digits=6&period=30");
        assertThat(seedOf(enrolment)).hasSize(20);
        String svg = new String(java.util.Base64.getDecoder().decode(
                enrolment.qrDataUri().substring("data:image/svg+xml;base64,".length())), StandardCharsets.UTF_8);
        assertThat(AuthenticatorQrCodeTests.decode(svg)).isEqualTo(enrolment.uri());
        assertThat(enrolment.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        assertThat(enrolment.toString()).doesNotContain(secret);
    }

    @Test
    void issuersAndUsernamesWithSpacesArePercentEncoded() {
        String uri = TotpAuthenticatorApps.uri("Riverbend Clinic", "ana diaz@example.org", "ABCD");

        assertThat(uri).startsWith("otpauth://totp/Riverbend%20Clinic:ana%20diaz%40example.org?secret=ABCD"
                + "&issuer=Riverbend%20Clinic&");
        assertThat(URLDecoder.decode(uri, StandardCharsets.UTF_8)).contains("Riverbend Clinic:ana diaz@example.org");
    }

    @Test
    void theRightFirstCodeMakesTheAppWork() {
        Account account = patients.patientWithAccount("clinic");
        byte[] seed = seedOf(apps.startEnrolment(account.id()));
        assertThat(apps.isEnrolled(account.id())).isFalse();

        assertThat(apps.confirmEnrolment(account.id(), codeAt(seed, 0))).isEqualTo(EnrolmentConfirmation.CONFIRMED);

        assertThat(apps.isEnrolled(account.id())).isTrue();
        assertThat(events.stream(SecondFactorAdded.class))
                .containsExactly(new SecondFactorAdded(account.id(), SecondFactorKind.AUTHENTICATOR_APP, clock.instant()));
        // The code that confirmed the app cannot also sign in.
        assertThat(apps.verify(account.id(), codeAt(seed, 0))).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(apps.verify(account.id(), codeAt(seed, 0))).isTrue();
    }

    @Test
    void aWrongFirstCodeDoesNotMakeTheAppWork() {
        Account account = patients.patientWithAccount("clinic");
        byte[] seed = seedOf(apps.startEnrolment(account.id()));
        String wrong = codeAt(seed, 0).equals("000000") ? "000001" : "000000";

        assertThat(apps.confirmEnrolment(account.id(), wrong)).isEqualTo(EnrolmentConfirmation.WRONG_CODE);
        assertThat(apps.confirmEnrolment(account.id(), "12345")).isEqualTo(EnrolmentConfirmation.WRONG_CODE);
        assertThat(apps.confirmEnrolment(account.id(), codeAt(seed, 2))).isEqualTo(EnrolmentConfirmation.WRONG_CODE);

        assertThat(apps.isEnrolled(account.id())).isFalse();
        assertThat(apps.verify(account.id(), codeAt(seed, 0))).isFalse();
        assertThat(events.stream(SecondFactorAdded.class)).isEmpty();
        // Still pending: the right code works afterwards.
        assertThat(apps.confirmEnrolment(account.id(), codeAt(seed, 0))).isEqualTo(EnrolmentConfirmation.CONFIRMED);
    }

    @Test
    void aPendingEnrolmentExpires() {
        Account account = patients.patientWithAccount("clinic");
        byte[] seed = seedOf(apps.startEnrolment(account.id()));

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(apps.confirmEnrolment(account.id(), codeAt(seed, 0))).isEqualTo(EnrolmentConfirmation.NOT_PENDING);
        assertThat(apps.isEnrolled(account.id())).isFalse();
        assertThat(apps.confirmEnrolment(AccountId.random(), "123456")).isEqualTo(EnrolmentConfirmation.NOT_PENDING);
    }

    @Test
    void aNewEnrolmentReplacesTheWorkingAppOnlyOnceConfirmed() {
        Enrolled old = enrolled();
        byte[] newSeed = seedOf(apps.startEnrolment(old.account()));

        assertThat(apps.verify(old.account(), codeAt(old.seed(), 0))).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(apps.confirmEnrolment(old.account(), codeAt(newSeed, 0))).isEqualTo(EnrolmentConfirmation.CONFIRMED);
        clock.advance(Duration.ofSeconds(30));

        assertThat(apps.verify(old.account(), codeAt(old.seed(), 0))).isFalse();
        assertThat(apps.verify(old.account(), codeAt(newSeed, 0))).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM mfa_authenticator WHERE account_id = ?")
                .param(old.account().value()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void oneStepEarlyOrLateIsAccepted() {
        Enrolled early = enrolled();
        assertThat(apps.verify(early.account(), codeAt(early.seed(), -1))).isTrue();

        Enrolled late = enrolled();
        assertThat(apps.verify(late.account(), codeAt(late.seed(), 1))).isTrue();
    }

    @Test
    void twoStepsEarlyOrLateAreRefused() {
        Enrolled enrolled = enrolled();

        assertThat(apps.verify(enrolled.account(), codeAt(enrolled.seed(), -2))).isFalse();
        assertThat(apps.verify(enrolled.account(), codeAt(enrolled.seed(), 2))).isFalse();
        assertThat(apps.verify(enrolled.account(), codeAt(enrolled.seed(), 0))).isTrue();
    }

    @Test
    void spacesAndDashesInTheTypedCodeDoNotMatter() {
        Enrolled enrolled = enrolled();
        String code = codeAt(enrolled.seed(), 0);

        assertThat(apps.verify(enrolled.account(), " " + code.substring(0, 3) + " - " + code.substring(3) + " ")).isTrue();
    }

    @Test
    void theSameStepIsRefusedTheSecondTimeEvenAfterARestart() {
        Enrolled enrolled = enrolled();
        String code = codeAt(enrolled.seed(), 0);

        assertThat(apps.verify(enrolled.account(), code)).isTrue();
        assertThat(apps.verify(enrolled.account(), code)).isFalse();
        // A fresh service (a restarted node) knows it from the database.
        var restarted = new TotpAuthenticatorApps(authenticators, cipher, qrCodes, accounts, settings, publisher, clock);
        assertThat(restarted.verify(enrolled.account(), code)).isFalse();
        // Nor is an earlier step accepted once a later one was: the previous step's code is refused too.
        assertThat(restarted.verify(enrolled.account(), codeAt(enrolled.seed(), -1))).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(restarted.verify(enrolled.account(), codeAt(enrolled.seed(), 0))).isTrue();
    }

    @Test
    void ofConcurrentVerificationsOfOneCodeExactlyOneWins() throws Exception {
        Enrolled enrolled = enrolled();
        String code = codeAt(enrolled.seed(), 0);

        assertThat(concurrently(8, () -> apps.verify(enrolled.account(), code))).containsOnlyOnce(true);
    }

    @Test
    void theSeedIsNotStoredInClear() {
        Account account = patients.patientWithAccount("clinic");
        AuthenticatorEnrolment enrolment = apps.startEnrolment(account.id());
        byte[] seed = seedOf(enrolment);

        var row = jdbc.sql("SELECT seed_ciphertext, key_version FROM mfa_authenticator WHERE account_id = ?")
                .param(account.id().value())
                .query((rs, n) -> new Object[] {rs.getBytes(1), rs.getShort(2)}).single();
        byte[] stored = (byte[]) row[0];

        assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(seed));
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(enrolment.typedKey().replace(" ", ""))
                .doesNotContain(new String(seed, StandardCharsets.ISO_8859_1));
        // The test profile sets no key: the database's own key (version 0) sealed it.
        assertThat(row[1]).isEqualTo((short) SeedCipher.DATABASE_KEY);
        assertThat(stored[0]).isEqualTo(SeedCipher.DATABASE_KEY);
        assertThat(cipher.open(stored, account.id())).isEqualTo(seed);
        assertThat(jdbc.sql("SELECT octet_length(key) FROM mfa_key").query(Integer.class).single()).isEqualTo(32);
    }

    @Test
    void aSeedUnderAnotherKeyFailsCleanly() {
        Enrolled enrolled = enrolled();
        // The row now says it was sealed under a configured key this node does not have.
        byte[] sealed = new SeedCipher(AuthenticatorSeedEncryptionTests.settings(AuthenticatorSeedEncryptionTests.KEY_A), jdbc)
                .seal(enrolled.seed(), enrolled.account());
        jdbc.sql("UPDATE mfa_authenticator SET seed_ciphertext = ?, key_version = 1 WHERE account_id = ?")
                .params(sealed, enrolled.account().value()).update();

        assertThatThrownBy(() -> apps.verify(enrolled.account(), codeAt(enrolled.seed(), 0)))
                .isInstanceOf(SeedUnreadable.class)
                .hasMessageContaining("caregate.mfa.seed-key");
    }

    @Test
    void removingTheAppStopsItsCodes() {
        Enrolled enrolled = enrolled();

        assertThat(apps.remove(enrolled.account())).isTrue();

        assertThat(apps.isEnrolled(enrolled.account())).isFalse();
        assertThat(apps.verify(enrolled.account(), codeAt(enrolled.seed(), 0))).isFalse();
        assertThat(events.stream(SecondFactorRemoved.class)).containsExactly(
                new SecondFactorRemoved(enrolled.account(), SecondFactorKind.AUTHENTICATOR_APP, clock.instant()));
        assertThat(apps.remove(enrolled.account())).isFalse();
        assertThat(events.stream(SecondFactorRemoved.class)).hasSize(1);
    }

    @Test
    void anAccountWithoutAnAppHasNoCodes() {
        Account account = patients.patientWithAccount("clinic");

        assertThat(apps.isEnrolled(account.id())).isFalse();
        assertThat(apps.verify(account.id(), "123456")).isFalse();
    }

    static List<Boolean> concurrently(int threads, Callable<Boolean> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Boolean> outcomes = new ArrayList<>();
            for (Future<Boolean> result : results) {
                outcomes.add(result.get());
            }
            return outcomes;
        }
    }
}
