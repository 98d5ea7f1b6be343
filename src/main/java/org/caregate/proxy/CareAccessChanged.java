package org.caregate.proxy;

import java.time.Instant;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;

/**
 * A grant was made, accepted, changed or ended: for the audit trail (issue: audit). Names who did it
 * and whose record it concerns, never what the record holds.
 *
 * @param by the account that did it: the patient, the caregiver accepting, or staff
 */
public record CareAccessChanged(UUID grant, PatientId patient, String organizationId, AccountId by, Change change,
        Instant at) {

    public enum Change {
        INVITED,
        ACCEPTED,
        RECORDED,
        CHANGED,
        REVOKED
    }
}
