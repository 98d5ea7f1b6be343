package org.caregate.proxy;

import java.io.Serial;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Whose data this request shows, and who is looking: the actor and the subject, kept apart so that
 * every event and audit entry can say both. Decided afresh on every request by {@link CareAccess}.
 *
 * @param actor the signed-in account: the patient or their caregiver
 * @param patient the patient whose data the page shows
 * @param relationship the grant the caregiver uses; {@code null} when patients view their own
 * @param allowed what the actor may do in each area today (every area, for patients themselves)
 * @param hideConfidential items marked confidential must not be shown or counted
 */
public record Viewing(AccountId actor, PatientId patient, String organizationId, @Nullable UUID relationship,
        Map<Area, Access> allowed, boolean hideConfidential) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public Viewing {
        allowed = Map.copyOf(allowed);
    }

    /** Patients viewing their own record: every area, everything in it. */
    public static Viewing own(AccountId actor, PatientId patient, String organizationId) {
        Map<Area, Access> all = new EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            all.put(area, Access.ACT);
        }
        return new Viewing(actor, patient, organizationId, null, all, false);
    }

    /** The patients themselves, not a caregiver. */
    public boolean self() {
        return relationship == null;
    }

    /** Whether the actor may read ({@code READ}) or act ({@code ACT}) in an area. */
    public boolean may(Area area, Access access) {
        Access granted = allowed.get(area);
        return granted != null && granted.covers(access);
    }

    /**
     * Whether the actor may read and act in every area: the patients themselves, or a caregiver with
     * full access (who may, for one, connect apps to the record).
     */
    public boolean fullAccess() {
        return java.util.Arrays.stream(Area.values()).allMatch(area -> may(area, Access.ACT));
    }

    /** Whether the actor may read an area: for pages that show a part only when it is allowed. */
    public boolean mayRead(Area area) {
        return may(area, Access.READ);
    }
}
