package org.caregate.patient;

/** A mobile can take texts and calls; a landline only calls. */
public enum PhoneKind {
    MOBILE,
    LANDLINE
}
