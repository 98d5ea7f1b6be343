package org.caregate.proxy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One caregiver's access to one patient at one organisation, as stored: an invitation until someone
 * accepts it, then a grant until it ends or is revoked. {@link #toString()} shows only the id.
 *
 * @param proxy the caregiver's account; {@code null} while the invitation waits
 * @param relationship how the patient described them ("spouse", "adult child"...), a key of the
 *     {@code proxy.relationship.*} messages
 * @param proxyName the caregiver's name as the patient or staff typed it
 * @param full every area, read and act; otherwise only {@link #permissions()}
 * @param endsOn the last day of access, or {@code null} for no end date
 * @param grantedBy the patient's account, or the staff member who recorded it
 */
public record Grant(
        UUID id,
        PatientId patient,
        String organizationId,
        @Nullable AccountId proxy,
        Basis basis,
        String relationship,
        String proxyName,
        boolean full,
        Map<Area, Access> permissions,
        @Nullable LocalDate endsOn,
        @Nullable String inviteEmail,
        @Nullable Instant inviteExpiresAt,
        AccountId grantedBy,
        Instant grantedAt,
        @Nullable Instant acceptedAt,
        @Nullable Instant revokedAt) {

    public Grant {
        permissions = Map.copyOf(permissions);
    }

    /** What this grant allows in an area, before the age rules: {@code null} for nothing. */
    public @Nullable Access access(Area area) {
        return full ? Access.ACT : permissions.get(area);
    }

    public boolean accepted() {
        return acceptedAt != null && proxy != null;
    }

    public boolean revoked() {
        return revokedAt != null;
    }

    @Override
    public String toString() {
        return "Grant[" + id + "]";
    }
}
