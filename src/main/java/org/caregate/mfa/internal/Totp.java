package org.caregate.mfa.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP) as authenticator apps make them:
 * HMAC-SHA1, 30-second steps from the Unix epoch. Written here rather than taken from a library
 * because the portal needs to know which step a code matched, to refuse that step a second time.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    /** Steps accepted either side of now, for phones whose clocks drift. */
    static final int DRIFT_STEPS = 1;

    private Totp() {}

    /** The step an instant falls in. */
    static long step(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of a step, {@code digits} long with leading zeros (RFC 4226 section 5.3). */
    static String code(byte[] seed, long step, int digits) {
        byte[] hash;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(seed, "HmacSHA1"));
            hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(step).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        long modulus = (long) Math.pow(10, digits);
        return String.format("%0" + digits + "d", binary % modulus);
    }

    /**
     * The step within {@link #DRIFT_STEPS} of {@code now} whose code is the typed one and which comes
     * after {@code lastUsed}, if any. Every candidate is computed and compared in constant time.
     */
    static OptionalLong matchingStep(byte[] seed, String digits, Instant now, long lastUsed) {
        byte[] typed = digits.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long found = Long.MIN_VALUE;
        for (long step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
            boolean equal = MessageDigest.isEqual(code(seed, step, DIGITS).getBytes(StandardCharsets.US_ASCII), typed);
            if (equal && step > lastUsed && found == Long.MIN_VALUE) {
                found = step;
            }
        }
        return found == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
    }

    /** The code as typed without spaces and dashes, or {@code null} when that is not six digits. */
    static @Nullable String normalise(String typed) {
        String digits = typed.replaceAll("[\\s\\-\\u2010-\\u2015]", "");
        return digits.matches("[0-9]{" + DIGITS + "}") ? digits : null;
    }
}
