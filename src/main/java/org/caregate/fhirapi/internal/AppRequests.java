package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.UUID;
import org.caregate.apps.AppAccess;
import org.caregate.apps.AppCallers;
import org.springframework.stereotype.Component;

/**
 * The app behind each call, what its scopes allow, and the audit entry for what it was served. Only
 * the {@code apps} module says who is calling (from the bearer token its filters checked); nothing
 * here reads a session.
 */
@Component
class AppRequests {

    private final AppCallers callers;

    AppRequests(AppCallers callers) {
        this.callers = callers;
    }

    /**
     * The calling app, decided afresh for this call.
     *
     * @throws ForbiddenOperationException (403) when the approval behind the token no longer holds
     *     (a caregiver's full access ended or was limited): the token is valid, the access is not
     */
    AppAccess current() {
        try {
            return callers.current();
        } catch (AppCallers.AccessEnded e) {
            throw new ForbiddenOperationException("The access this app was approved for has ended. Ask the person to "
                    + "connect the app again.");
        }
    }

    /** @throws ForbiddenOperationException (403) when the token's scopes do not allow reading this type by id */
    void mayRead(AppAccess access, String resourceType) {
        if (!access.mayRead(resourceType)) {
            throw new ForbiddenOperationException("The token's scopes do not allow reading " + resourceType
                    + " resources: that needs patient/" + resourceType + ".r (or patient/" + resourceType + ".read).");
        }
    }

    /** @throws ForbiddenOperationException (403) when the token's scopes do not allow searching this type */
    void maySearch(AppAccess access, String resourceType) {
        if (!access.maySearch(resourceType)) {
            throw new ForbiddenOperationException("The token's scopes do not allow searching " + resourceType
                    + " resources: that needs patient/" + resourceType + ".s (or patient/" + resourceType + ".read).");
        }
    }

    /** Records for the audit trail that the app was served these resources. */
    void served(AppAccess access, String interaction, String resourceType, List<UUID> resources) {
        callers.read(access, interaction, resourceType, resources);
    }
}
