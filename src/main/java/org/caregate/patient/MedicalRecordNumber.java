package org.caregate.patient;

import java.util.Locale;

/**
 * A patient's number at one organisation. Each organisation issues its own, so the pair is the
 * identifier; the number is kept upper-case without surrounding spaces, as people read it out.
 */
public record MedicalRecordNumber(String organizationId, String value) {

    /**
     * Where a FHIR {@code Patient.identifier} names the organisation that issued the number: this
     * prefix, then the organisation's id ({@code urn:caregate:mrn:clinic}). Imported records and the
     * FHIR API find a patient by it.
     */
    public static final String FHIR_SYSTEM_PREFIX = "urn:caregate:mrn:";

    public MedicalRecordNumber {
        value = value.strip().toUpperCase(Locale.ROOT);
        if (!value.matches("[A-Z0-9-]{3,32}")) {
            throw new IllegalArgumentException("A record number is 3 to 32 letters, digits or dashes");
        }
    }

    /** The FHIR identifier system of this number: {@link #FHIR_SYSTEM_PREFIX} and the organisation's id. */
    public String fhirSystem() {
        return FHIR_SYSTEM_PREFIX + organizationId;
    }
}
