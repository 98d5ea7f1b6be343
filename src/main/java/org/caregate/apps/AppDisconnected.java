package org.caregate.apps;

import java.time.Instant;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;

/**
 * Someone disconnected an app from a patient's record on the Connected apps page: its approvals for
 * that record were removed and its tokens stopped working. For the audit trail; names who did it
 * (the patient, or a caregiver with full access) and whose record, nothing of the record.
 */
public record AppDisconnected(UUID app, String clientId, PatientId patient, String organizationId, AccountId by,
        Instant at) {}
