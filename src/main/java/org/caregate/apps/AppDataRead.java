package org.caregate.apps;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;

/**
 * An outside app read part of a patient's record through the FHIR API. Also kept in the
 * {@code app_data_read} table; published for the audit trail.
 *
 * @param clientId the app's client id
 * @param approvedBy the account whose approval the app used (the patient, or a caregiver)
 * @param interaction {@code read} or {@code search}
 * @param resources the stored resources served, by their ids
 */
public record AppDataRead(String clientId, AccountId approvedBy, PatientId patient, String organizationId,
        String interaction, String resourceType, List<UUID> resources, Instant at) {

    public AppDataRead {
        resources = List.copyOf(resources);
    }
}
