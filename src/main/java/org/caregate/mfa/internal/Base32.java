package org.caregate.mfa.internal;

/** RFC 4648 Base32 without padding: how authenticator apps take a seed typed in or in a QR code. */
final class Base32 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private Base32() {}

    static String encode(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET.charAt((buffer >> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return text.toString();
    }

    /** In groups of four, for typing into an app by hand: {@code JBSW Y3DP EHPK 3PXP}. */
    static String grouped(String base32) {
        StringBuilder grouped = new StringBuilder(base32.length() + base32.length() / 4);
        for (int i = 0; i < base32.length(); i++) {
            if (i > 0 && i % 4 == 0) {
                grouped.append(' ');
            }
            grouped.append(base32.charAt(i));
        }
        return grouped.toString();
    }
}
