package org.caregate.patient;

import java.util.Locale;

/**
 * A patient's number at one organisation. Each organisation issues its own, so the pair is the
 * identifier; the number is kept upper-case without surrounding spaces, as people read it out.
 */
public record MedicalRecordNumber(String organizationId, String value) {

    public MedicalRecordNumber {
        value = value.strip().toUpperCase(Locale.ROOT);
        if (!value.matches("[A-Z0-9-]{3,32}")) {
            throw new IllegalArgumentException("A record number is 3 to 32 letters, digits or dashes");
        }
    }
}
