package org.caregate.proxy;

/**
 * The parts of a patient's portal a caregiver may be given. A full grant covers all of them; a
 * limited one chooses some, each read-only or read-and-act. Areas whose pages do not exist yet are
 * granted already, so the pages find the grant when they arrive.
 */
public enum Area {
    /** Test results. */
    RESULTS,
    /** The rest of the health record: visits, notes, health issues, allergies, immunizations, the download. */
    RECORD,
    /** Medications and refill requests. */
    MEDICATIONS,
    /** Appointments. */
    APPOINTMENTS,
    /** Messages with the care team. */
    MESSAGES,
    /** Bills and payments. */
    BILLING
}
