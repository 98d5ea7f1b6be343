package org.caregate.record;

import java.util.Optional;
import org.caregate.patient.MedicalRecordNumber;

/** The identifier systems the portal gives meaning to in imported FHIR resources. */
public final class RecordIdentifiers {

    /** The start of a medical record number's system; the organisation's id follows ({@code urn:caregate:mrn:clinic}). */
    public static final String MRN_PREFIX = MedicalRecordNumber.FHIR_SYSTEM_PREFIX;

    private RecordIdentifiers() {}

    /** The system of an organisation's medical record numbers. */
    public static String mrnSystem(String organizationId) {
        return MRN_PREFIX + organizationId;
    }

    /** The organisation whose record numbers use this system, if it is such a system. */
    public static Optional<String> organizationOf(String system) {
        return system.startsWith(MRN_PREFIX) && system.length() > MRN_PREFIX.length()
                ? Optional.of(system.substring(MRN_PREFIX.length())) : Optional.empty();
    }
}
