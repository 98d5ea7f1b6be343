package org.caregate.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

class PasswordHashingTests {

    static final PasswordHashing hashing = new PasswordHashing(PasswordSettings.owaspDefaults());

    @Test
    void aHashIsArgon2idWithOwaspParameters() {
        String hash = hashing.hash("orange tulip kettle ladder");

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hash).isNotEqualTo(hashing.hash("orange tulip kettle ladder")); // salted
    }

    @Test
    void theRightPasswordMatchesAndAWrongOneDoesNot() {
        String hash = hashing.hash("orange tulip kettle ladder");

        assertThat(hashing.matches("orange tulip kettle ladder", hash)).isTrue();
        assertThat(hashing.matches("orange tulip kettle ladders", hash)).isFalse();
        assertThat(hashing.matches("", hash)).isFalse();
    }

    @Test
    void thePasswordIsHashedInItsNormalisedForm() {
        String hash = hashing.hash("ｍａñana tulip"); // full-width letters and a composed ñ

        assertThat(hashing.matches("man\u0303ana tulip", hash)).isTrue();
    }

    @Test
    void aHashWithOtherParametersNeedsRehashingAndACurrentOneDoesNot() {
        String old = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode("orange tulip kettle ladder");
        String moreLanes = new Argon2PasswordEncoder(16, 32, 2, 19_456, 2).encode("orange tulip kettle ladder");

        assertThat(hashing.needsRehash(old)).isTrue();
        assertThat(hashing.needsRehash(moreLanes)).isTrue();
        assertThat(hashing.needsRehash("$2a$10$abcdefghijklmnopqrstuu5Rn8Yk6B4ZfYdM1rQmCkdS0F0qXmYy2")).isTrue();
        assertThat(hashing.needsRehash(hashing.hash("orange tulip kettle ladder"))).isFalse();
    }

    @Test
    void raisedSettingsAreUsedForNewHashes() {
        var stronger = new PasswordHashing(new PasswordSettings(19_456, 3, 1));

        assertThat(stronger.hash("orange tulip kettle ladder")).startsWith("$argon2id$v=19$m=19456,t=3,p=1$");
        assertThat(stronger.needsRehash(hashing.hash("orange tulip kettle ladder"))).isTrue();
    }

    @Test
    void checkingAgainstNoAccountReturnsNormallyAndTakesAboutAsLong() {
        String hash = hashing.hash("orange tulip kettle ladder");
        hashing.matchesNothing("warm up");
        hashing.matches("warm up", hash);

        long nothing = fastest(() -> hashing.matchesNothing("orange tulip kettle ladder"));
        long wrong = fastest(() -> hashing.matches("wrong password here", hash));

        // Same Argon2id work both ways; generous bounds, as a shared build machine is noisy.
        assertThat(nothing).isBetween(wrong / 4, wrong * 4);
    }

    /** The fastest of three runs: the least disturbed by other work on the machine. */
    static long fastest(Runnable work) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            work.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }
}
