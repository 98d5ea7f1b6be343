package org.caregate.platform;

import java.security.SecureRandom;

/**
 * A short reference number for a server error, shown to the person (or in the FHIR API's
 * OperationOutcome) and logged with the failure, so support can find what went wrong from a phone
 * call; and the failure as logs may hold it, without messages.
 */
public final class ErrorReference {

    public static final String REQUEST_ATTRIBUTE = ErrorReference.class.getName();

    /** No 0/O, 1/I/L: a caller reads it aloud. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ErrorReference() {}

    public static String next() {
        var reference = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return reference.toString();
    }

    /**
     * A copy of the exception chain keeping types and stack frames but not messages: a message may
     * quote input or record content, and logs must never hold health data.
     */
    public static Throwable withoutMessages(Throwable error) {
        Throwable cause = error.getCause() == null || error.getCause() == error ? null : withoutMessages(error.getCause());
        var copy = new Redacted(error.getClass().getName(), cause);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    private static final class Redacted extends RuntimeException {
        Redacted(String type, Throwable cause) {
            super(type + " (message withheld)", cause, false, true);
        }
    }
}
