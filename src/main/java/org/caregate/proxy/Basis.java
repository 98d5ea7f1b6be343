package org.caregate.proxy;

/** Why a caregiver has access: the patient invited them, or staff recorded it after paperwork. */
public enum Basis {
    /** The patient invited them from the portal. */
    INVITED,
    /** A parent of a child under 18, recorded by staff. */
    PARENT_OF_MINOR,
    /** A legal guardian, recorded by staff from the court's papers. */
    LEGAL_GUARDIAN,
    /** A health-care power of attorney, recorded by staff from the document. */
    POWER_OF_ATTORNEY;

    /** Recorded by staff rather than granted by the patient. */
    public boolean recordedByStaff() {
        return this != INVITED;
    }
}
