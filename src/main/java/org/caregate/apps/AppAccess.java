package org.caregate.apps;

import java.util.Set;
import java.util.UUID;
import org.caregate.proxy.Viewing;

/**
 * What the app behind one FHIR API call may read, decided afresh for that call from its access
 * token: whose record ({@link #viewing()}, the patient the token is for, seen as the person who
 * approved the app: the patient, or a caregiver with full access), and which resource types, from
 * the SMART scopes the person approved.
 *
 * @param authorization the approval the token belongs to (one per app, person and patient)
 * @param clientId the app's client id, for the audit trail
 * @param appName the app's name as registered
 * @param scopes the scopes approved, v1 ({@code patient/Observation.read}) or v2 ({@code patient/Observation.rs})
 */
public record AppAccess(UUID authorization, String clientId, String appName, Viewing viewing, Set<String> scopes) {

    public AppAccess {
        scopes = Set.copyOf(scopes);
    }

    /** Whether the app may read a resource of this type by its id. */
    public boolean mayRead(String resourceType) {
        return SmartScopes.allows(scopes, resourceType, 'r');
    }

    /** Whether the app may search resources of this type. */
    public boolean maySearch(String resourceType) {
        return SmartScopes.allows(scopes, resourceType, 's');
    }
}
