package org.caregate.mfa;

/** What became of the first code typed after scanning the QR code. */
public enum EnrolmentConfirmation {
    /** The code was right: the authenticator app now works for sign-in. */
    CONFIRMED,
    /** The code was wrong (or not six digits): the enrolment stays pending, the person may try again. */
    WRONG_CODE,
    /** There is no pending enrolment, or it expired: start again with a new QR code. */
    NOT_PENDING
}
