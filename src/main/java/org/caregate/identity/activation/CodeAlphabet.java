package org.caregate.identity.activation;

import java.security.SecureRandom;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The characters of activation and sign-up codes, and how typed codes are read. No 0/O or 1/I/L
 * (nothing to confuse when reading aloud or off paper) and no vowels (no words, rude or otherwise,
 * in a code): 27 characters, so a 12-character code holds about 57 bits and an 8-character one 38.
 */
@Component
public class CodeAlphabet {

    public static final String ALPHABET = "23456789BCDFGHJKMNPQRSTVWXZ";

    public static final int ACTIVATION_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();

    /** A new random code of {@code length} characters, without grouping. */
    public String randomCode(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * What a person typed, as the code it means: case, spaces and dashes do not matter, and the
     * look-alikes read as one character (O as 0, I and L as 1). Codes never contain those, so a
     * code read with one is wrong either way, but it is wrong the same way, whichever was typed.
     */
    public static String normalise(String typed) {
        return typed.toUpperCase(Locale.ROOT)
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1')
                .replaceAll("[^A-Z0-9]", "");
    }

    /** In groups of four for reading aloud: {@code K7QM-3FXP-9TRW}. */
    public static String grouped(String code) {
        StringBuilder grouped = new StringBuilder(code.length() + code.length() / 4);
        for (int i = 0; i < code.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                grouped.append('-');
            }
            grouped.append(code.charAt(i));
        }
        return grouped.toString();
    }

    /** Whether a normalised code could be an activation code at all (length and characters). */
    public static boolean couldBeActivationCode(String normalised) {
        return normalised.length() == ACTIVATION_LENGTH && normalised.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0);
    }
}
