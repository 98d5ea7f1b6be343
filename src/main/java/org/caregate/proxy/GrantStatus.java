package org.caregate.proxy;

/** Where a grant stands today, as the patient's and the caregiver's pages say it. */
public enum GrantStatus {
    /** Invited; nobody has accepted yet, and the invitation still works. */
    INVITED,
    /** The invitation was not accepted in time. */
    INVITATION_EXPIRED,
    /** In use, with everything it grants. */
    ACTIVE,
    /** In use, but the patient is 12 to 17: items marked confidential are not shown. */
    ACTIVE_TEEN,
    /** Its end date has passed. */
    ENDED,
    /** Granted while the patient was a child, and the patient is now 18: it ends unless they grant it again. */
    ENDED_AT_18,
    /** The patient or staff took it back. */
    REVOKED;

    public boolean inUse() {
        return this == ACTIVE || this == ACTIVE_TEEN;
    }
}
