package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.caregate.IntegrationTest;
import org.caregate.TestPatients;
import org.caregate.identity.AccountId;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.RecoveryCodesRegenerated;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** Recovery codes on the real database: shown once, kept as hashes, each usable once. */
@IntegrationTest
@Import({TestPatients.class, MutableClockConfiguration.class})
@RecordApplicationEvents
class RecoveryCodeIntegrationTests {

    @Autowired
    RecoveryCodes recoveryCodes;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEvents events;

    AccountId account() {
        return patients.patientWithAccount("clinic").id();
    }

    @Test
    void tenDistinctCodesWithoutLookAlikesGroupedForReading() {
        AccountId account = account();

        List<String> codes = recoveryCodes.regenerate(account);

        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[23456789BCDFGHJKMNPQRSTVWXZ]{4}-[23456789BCDFGHJKMNPQRSTVWXZ]{4}-"
                        + "[23456789BCDFGHJKMNPQRSTVWXZ]{2}"));
        assertThat(recoveryCodes.remaining(account)).isEqualTo(10);
        assertThat(events.stream(RecoveryCodesRegenerated.class))
                .containsExactly(new RecoveryCodesRegenerated(account, clock.instant()));
    }

    @Test
    void codesAreStoredOnlyAsHashes() {
        AccountId account = account();
        List<String> codes = recoveryCodes.regenerate(account);

        List<byte[]> stored = jdbc.sql("SELECT salt || hash FROM mfa_recovery_code WHERE account_id = ?")
                .param(account.value()).query(byte[].class).list();

        assertThat(stored).hasSize(10);
        for (byte[] row : stored) {
            String text = new String(row, StandardCharsets.ISO_8859_1);
            for (String code : codes) {
                assertThat(text).doesNotContain(code.replace("-", "")).doesNotContain(code);
            }
        }
    }

    @Test
    void aCodeWorksOnce() {
        AccountId account = account();
        String code = recoveryCodes.regenerate(account).get(3);

        assertThat(recoveryCodes.use(account, code)).isTrue();
        assertThat(recoveryCodes.use(account, code)).isFalse();
        assertThat(recoveryCodes.remaining(account)).isEqualTo(9);
    }

    @Test
    void lowerCaseSpacesAndMissingDashesDoNotMatter() {
        AccountId account = account();
        List<String> codes = recoveryCodes.regenerate(account);

        assertThat(recoveryCodes.use(account, codes.get(0).toLowerCase(Locale.ROOT))).isTrue();
        assertThat(recoveryCodes.use(account, " " + codes.get(1).replace("-", " ") + " ")).isTrue();
        assertThat(recoveryCodes.use(account, codes.get(2).replace("-", ""))).isTrue();
        assertThat(recoveryCodes.remaining(account)).isEqualTo(7);
    }

    @Test
    void wrongCodesAndOtherAccountsCodesAreRefused() {
        AccountId account = account();
        AccountId other = account();
        List<String> codes = recoveryCodes.regenerate(account);
        List<String> othersCodes = recoveryCodes.regenerate(other);

        assertThat(recoveryCodes.use(account, othersCodes.get(0))).isFalse();
        assertThat(recoveryCodes.use(account, "BBBB-BBBB-BB")).isFalse();
        assertThat(recoveryCodes.use(account, codes.get(0).substring(0, 9))).isFalse();
        assertThat(recoveryCodes.use(account, "")).isFalse();
        assertThat(recoveryCodes.remaining(account)).isEqualTo(10);
        assertThat(recoveryCodes.remaining(other)).isEqualTo(10);
    }

    @Test
    void regeneratingRetiresEveryEarlierCode() {
        AccountId account = account();
        List<String> old = recoveryCodes.regenerate(account);
        recoveryCodes.use(account, old.get(0));

        List<String> fresh = recoveryCodes.regenerate(account);

        assertThat(fresh).doesNotContainAnyElementsOf(old);
        for (String code : old) {
            assertThat(recoveryCodes.use(account, code)).isFalse();
        }
        assertThat(recoveryCodes.remaining(account)).isEqualTo(10);
        assertThat(recoveryCodes.use(account, fresh.get(9))).isTrue();
    }

    @Test
    void ofConcurrentUsesOfOneCodeExactlyOneWins() throws Exception {
        AccountId account = account();
        String code = recoveryCodes.regenerate(account).get(5);

        List<Boolean> outcomes = AuthenticatorAppIntegrationTests.concurrently(8, () -> recoveryCodes.use(account, code));

        assertThat(outcomes).containsOnlyOnce(true);
        assertThat(recoveryCodes.remaining(account)).isEqualTo(9);
    }

    @Test
    void anAccountWithoutCodesHasNoneLeft() {
        AccountId account = account();

        assertThat(recoveryCodes.remaining(account)).isZero();
        assertThat(recoveryCodes.use(account, "BBBB-BBBB-BB")).isFalse();
    }
}
