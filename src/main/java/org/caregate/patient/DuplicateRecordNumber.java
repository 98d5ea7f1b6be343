package org.caregate.patient;

/** The organisation has already given this record number to another patient. */
public class DuplicateRecordNumber extends RuntimeException {

    public DuplicateRecordNumber(MedicalRecordNumber number) {
        super("Record number already in use at " + number.organizationId());
    }
}
