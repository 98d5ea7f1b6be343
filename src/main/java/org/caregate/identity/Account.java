package org.caregate.identity;

import java.time.Instant;
import java.util.Set;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A person's account. {@link #toString()} shows only the id, so an account never lands in a log line
 * with its name or contacts.
 *
 * @param username the name chosen at sign-up, as typed
 * @param email the account's e-mail for sign-in and notices
 * @param phone the account's phone in +E.164 form, for notices and codes
 * @param homeOrganizationId where a patient account was opened; {@code null} for staff
 * @param patientId the registry entry of a patient account
 * @param roles a staff account's roles; empty for patients
 */
public record Account(
        AccountId id,
        AccountKind kind,
        String username,
        @Nullable String email,
        @Nullable String phone,
        @Nullable String homeOrganizationId,
        @Nullable PatientId patientId,
        Set<StaffRole> roles,
        Instant passwordChangedAt,
        Instant createdAt) {

    public Account {
        roles = Set.copyOf(roles);
    }

    public boolean isStaff() {
        return kind == AccountKind.STAFF;
    }

    @Override
    public String toString() {
        return "Account[" + id + "]";
    }
}
