package org.caregate.record;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;

/**
 * Someone read part of a patient's record: a page, one item, or a download. Published for every
 * view before the page is sent; the audit module records it (who, which patient, what).
 *
 * @param viewer the signed-in account that read it (the patient, or later a caregiver)
 * @param organizationId the portal the person used
 * @param resources the stored resources shown or downloaded, by their portal id
 */
public record RecordViewed(AccountId viewer, PatientId patient, String organizationId, RecordView view,
        List<UUID> resources, Instant at) {

    public RecordViewed {
        resources = List.copyOf(resources);
    }
}
