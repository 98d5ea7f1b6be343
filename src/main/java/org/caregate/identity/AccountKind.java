package org.caregate.identity;

/** Patients (and, later, the caregivers who help them) sign in on an organisation's page; staff on their own. */
public enum AccountKind {
    PATIENT,
    STAFF
}
