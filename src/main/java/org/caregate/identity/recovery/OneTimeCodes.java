package org.caregate.identity.recovery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * One-time codes sent by e-mail, text or call, and the tokens that bind them to a browser session.
 * Codes are kept only as salted SHA-256 hashes and compared in constant time; what protects a code
 * is its short life, the few tries it allows and the session it is bound to.
 */
@Component
public class OneTimeCodes {

    /** No 0/O, 1/I/L: nothing to confuse when reading a code aloud or off a small screen. */
    static final String RESET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    static final int RESET_LENGTH = 8;

    private final SecureRandom random = new SecureRandom();

    /** A password reset code: 8 characters of {@link #RESET_ALPHABET}, about 40 bits. */
    public String resetCode() {
        StringBuilder code = new StringBuilder(RESET_LENGTH);
        for (int i = 0; i < RESET_LENGTH; i++) {
            code.append(RESET_ALPHABET.charAt(random.nextInt(RESET_ALPHABET.length())));
        }
        return code.toString();
    }

    /** A confirmation code for a new e-mail address or phone number: 6 digits. */
    public String confirmationCode() {
        return "%06d".formatted(random.nextInt(1_000_000));
    }

    /** A new random token for a browser session; the database keeps only {@link #sessionHash}. */
    public String sessionToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public byte[] salt() {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return salt;
    }

    /** {@code ABCD-EFGH}: a reset code as people read it. */
    public static String grouped(String code) {
        return code.substring(0, 4) + "-" + code.substring(4);
    }

    /** A code for a phone call: each character on its own, so the voice spells it ("A, B, 3, …"). */
    public static String spelled(String code) {
        return String.join(", ", code.split(""));
    }

    /** What a person typed, as the code it means: case, spaces and dashes do not matter. */
    public static String normalise(String typed) {
        return typed.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }

    public static byte[] hash(byte[] salt, String code) {
        MessageDigest digest = sha256();
        digest.update(salt);
        return digest.digest(code.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a typed code (already {@linkplain #normalise normalised}) is the one hashed, in constant time. */
    public static boolean matches(String code, byte[] salt, byte[] hash) {
        return MessageDigest.isEqual(hash(salt, code), hash);
    }

    /** The stored form of a session token: SHA-256 (the token is 256 random bits, so no salt is needed). */
    public static byte[] sessionHash(String token) {
        return sha256().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
