package org.caregate.proxy.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;

/**
 * The rules that turn a stored grant into what it allows today.
 * <ul>
 *   <li>A grant works once accepted, until its end date (inclusive) or until revoked.
 *   <li>A parent or guardian of a child under 12 sees everything the grant names, confidential items
 *       included. From the 12th birthday to the 18th, no proxy sees items marked confidential.
 *   <li>A grant made while the patient was under 18 ends on their 18th birthday; the patient may grant
 *       access again themselves.
 *   <li>Caregivers of adults never see items marked confidential: those are for the patient.
 * </ul>
 */
public final class AccessRules {

    /** From this birthday, a child's confidential items are hidden from their parents. */
    public static final int TEEN_FROM = 12;

    /** On this birthday, access granted for a child ends. */
    public static final int ADULT_AT = 18;

    private AccessRules() {}

    public static int age(LocalDate dateOfBirth, LocalDate today) {
        return Period.between(dateOfBirth, today).getYears();
    }

    /** Where a grant stands on {@code today} (dates in {@code zone}), for a patient born on {@code dateOfBirth}. */
    public static GrantStatus status(Grant grant, LocalDate dateOfBirth, LocalDate today, Instant now, ZoneId zone) {
        if (grant.revoked()) {
            return GrantStatus.REVOKED;
        }
        if (grant.endsOn() != null && today.isAfter(grant.endsOn())) {
            return GrantStatus.ENDED;
        }
        boolean grantedForAChild = age(dateOfBirth, LocalDate.ofInstant(grant.grantedAt(), zone)) < ADULT_AT;
        int age = age(dateOfBirth, today);
        if (grantedForAChild && age >= ADULT_AT) {
            return GrantStatus.ENDED_AT_18;
        }
        if (!grant.accepted()) {
            return grant.inviteExpiresAt() != null && !now.isBefore(grant.inviteExpiresAt())
                    ? GrantStatus.INVITATION_EXPIRED : GrantStatus.INVITED;
        }
        return age >= TEEN_FROM && age < ADULT_AT ? GrantStatus.ACTIVE_TEEN : GrantStatus.ACTIVE;
    }

    /** What a grant in use allows in each area. */
    public static Map<Area, Access> allowed(Grant grant) {
        Map<Area, Access> allowed = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            Access access = grant.access(area);
            if (access != null) {
                allowed.put(area, access);
            }
        }
        return allowed;
    }

    /** Whether confidential items stay hidden from this caregiver: always, except from a young child's parent or guardian. */
    public static boolean hidesConfidential(Grant grant, LocalDate dateOfBirth, LocalDate today) {
        boolean parentOrGuardian = grant.basis() == Basis.PARENT_OF_MINOR || grant.basis() == Basis.LEGAL_GUARDIAN;
        return !(parentOrGuardian && age(dateOfBirth, today) < TEEN_FROM);
    }
}
