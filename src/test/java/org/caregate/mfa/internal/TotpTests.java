package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The RFC 6238 computation, against the RFC's own test vectors, and the window of accepted steps. */
class TotpTests {

    /** RFC 6238 Appendix B's seed for HMAC-SHA1: the ASCII string "12345678901234567890". */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({
        "59, 94287082",
        "1111111109, 07081804",
        "1111111111, 14050471",
        "1234567890, 89005924",
        "2000000000, 69279037",
        "20000000000, 65353130"})
    void codesAreTheRfc6238TestVectors(long unixSeconds, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));

        assertThat(Totp.code(RFC_SEED, step, 8)).isEqualTo(eightDigits);
        // Six digits are the same number modulo 10^6: the last six of the eight.
        assertThat(Totp.code(RFC_SEED, step, 6)).isEqualTo(eightDigits.substring(2));
    }

    @Test
    void sixDigitCodesOfTheRfcVectors() {
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)), 6)).isEqualTo("287082");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 6)).isEqualTo("081804");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1234567890)), 6)).isEqualTo("005924");
    }

    @Test
    void oneStepEitherSideIsAcceptedTwoAreNot() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long current = Totp.step(now);

        for (int offset = -1; offset <= 1; offset++) {
            String code = Totp.code(RFC_SEED, current + offset, 6);
            assertThat(Totp.matchingStep(RFC_SEED, code, now, Long.MIN_VALUE)).hasValue(current + offset);
        }
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current - 2, 6), now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, Totp.code(RFC_SEED, current + 2, 6), now, Long.MIN_VALUE)).isEmpty();
    }

    @Test
    void aStepAtOrBeforeTheLastUsedOneIsRefused() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long current = Totp.step(now);
        String code = Totp.code(RFC_SEED, current, 6);

        assertThat(Totp.matchingStep(RFC_SEED, code, now, current)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, code, now, current + 1)).isEmpty();
        assertThat(Totp.matchingStep(RFC_SEED, code, now, current - 1)).hasValue(current);
    }

    @Test
    void spacesAndDashesInTypedCodesDoNotMatter() {
        assertThat(Totp.normalise(" 123 456 ")).isEqualTo("123456");
        assertThat(Totp.normalise("123-456")).isEqualTo("123456");
        assertThat(Totp.normalise("12345")).isNull();
        assertThat(Totp.normalise("1234567")).isNull();
        assertThat(Totp.normalise("12E456")).isNull();
    }

    @Test
    void seedsAreBase32WithoutPaddingAndGroupedInFours() {
        // RFC 4648's alphabet; 20 bytes are exactly 32 characters.
        String encoded = Base32.encode(RFC_SEED);

        assertThat(encoded).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assertThat(Base32.grouped(encoded)).isEqualTo("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assertThat(Base32.encode("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("MZXW6YTBOI");
    }
}
