package org.caregate.patient;

/** A phone number that cannot be dialled: not a number, or not a real one for its country. */
public class InvalidPhoneNumber extends IllegalArgumentException {

    public InvalidPhoneNumber(String reason) {
        super(reason);
    }
}
