package org.caregate.patient;

/** An organisation has already given one of the record numbers to another patient. Nothing was stored. */
public class DuplicateRecordNumber extends RuntimeException {

    public DuplicateRecordNumber() {
        super("A record number is already in use at its organisation");
    }
}
