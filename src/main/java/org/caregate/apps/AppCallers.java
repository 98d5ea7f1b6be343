package org.caregate.apps;

import java.util.List;
import java.util.UUID;

/**
 * The app calling the FHIR API in this request. The bearer token was checked before the request
 * reached the API (known, not expired, not revoked, its app not disconnected); what it may read is
 * decided again here, on every call, so that a caregiver whose access changed, or an app the
 * patient disconnected, reads nothing more.
 */
public interface AppCallers {

    /**
     * The calling app and what it may read now.
     *
     * @throws AccessEnded when the token's approval no longer holds (the caregiver's full access ended)
     */
    AppAccess current();

    /**
     * Records that the app read these resources (the audit trail, with the app's client id, and
     * "last read" on the patient's Connected apps page).
     *
     * @param interaction {@code read} or {@code search}
     */
    void read(AppAccess access, String interaction, String resourceType, List<UUID> resources);

    /** The approval behind the token no longer lets this app read the patient's record. */
    final class AccessEnded extends RuntimeException {

        public AccessEnded() {
            super("The app's access to this record ended", null, false, false);
        }
    }
}
