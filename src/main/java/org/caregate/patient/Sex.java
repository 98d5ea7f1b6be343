package org.caregate.patient;

/** Administrative sex as the EHR records it (FHIR {@code AdministrativeGender}). */
public enum Sex {
    FEMALE,
    MALE,
    OTHER,
    UNKNOWN
}
