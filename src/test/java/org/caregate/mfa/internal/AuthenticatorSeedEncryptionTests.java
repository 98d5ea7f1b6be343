package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Map;
import org.caregate.identity.AccountId;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Seed encryption with a configured key (the database key is covered by the integration tests). */
class AuthenticatorSeedEncryptionTests {

    /** The defaults, with this seed key. */
    static MfaSettings settings(String key) {
        return new MfaSettings(key, "Caregate", Duration.ofMinutes(15), Map.of(),
                ZoneId.of("America/Chicago"), Duration.ofMinutes(5), 5, Duration.ofSeconds(30), 5,
                Duration.ofMinutes(15), Duration.ofHours(1), 10, 30, 500, java.util.Set.of(), java.util.Set.of(),
                Duration.ofDays(7));
    }


    static final String KEY_A = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String KEY_B = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));
    static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    static SeedCipher cipher(String key) {
        // No database: a configured key never needs one.
        return new SeedCipher(settings(key), (JdbcClient) null);
    }

    @Test
    void aSealedSeedOpensWithTheSameKeyAndAccount() {
        AccountId account = AccountId.random();
        byte[] sealed = cipher(KEY_A).seal(SEED, account);

        assertThat(cipher(KEY_A).open(sealed, account)).isEqualTo(SEED);
        assertThat(sealed[0]).isEqualTo(SeedCipher.CONFIGURED_KEY);
        assertThat(sealed).hasSize(1 + 12 + SEED.length + 16);
    }

    @Test
    void eachSealHasItsOwnNonce() {
        AccountId account = AccountId.random();
        SeedCipher cipher = cipher(KEY_A);

        assertThat(cipher.seal(SEED, account)).isNotEqualTo(cipher.seal(SEED, account));
    }

    @Test
    void anotherKeyFailsCleanly() {
        AccountId account = AccountId.random();
        byte[] sealed = cipher(KEY_A).seal(SEED, account);

        assertThatThrownBy(() -> cipher(KEY_B).open(sealed, account))
                .isInstanceOf(SeedUnreadable.class)
                .hasMessageContaining("does not open with key version 1")
                .hasMessageNotContaining(KEY_A).hasMessageNotContaining(KEY_B);
    }

    @Test
    void aSeedCopiedToAnotherAccountDoesNotOpen() {
        byte[] sealed = cipher(KEY_A).seal(SEED, AccountId.random());

        assertThatThrownBy(() -> cipher(KEY_A).open(sealed, AccountId.random())).isInstanceOf(SeedUnreadable.class);
    }

    @Test
    void anAlteredSeedDoesNotOpen() {
        AccountId account = AccountId.random();
        byte[] sealed = cipher(KEY_A).seal(SEED, account);
        sealed[20] ^= 1;

        assertThatThrownBy(() -> cipher(KEY_A).open(sealed, account)).isInstanceOf(SeedUnreadable.class);
        assertThatThrownBy(() -> cipher(KEY_A).open(new byte[] {1, 2, 3}, account)).isInstanceOf(SeedUnreadable.class);
    }

    @Test
    void aKeyThatIsNotAes256StopsTheStart() {
        String sixteenBytes = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> cipher(sixteenBytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly 32 bytes");
        assertThatThrownBy(() -> cipher("not base64!")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exactly 32 bytes");
    }
}
