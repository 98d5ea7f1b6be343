package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.UUID;
import org.caregate.apps.AppAccess;
import org.caregate.apps.AppCallers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The app behind each call, what its scopes allow, and the audit entry for what it was served. Only
 * the {@code apps} module says who is calling (from the bearer token); nothing here reads a session.
 */
@Component
class AppRequests {

    static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    private final ObjectProvider<AppCallers> callers;

    AppRequests(ObjectProvider<AppCallers> callers) {
        this.callers = callers;
    }

    /**
     * The calling app, decided afresh for this call.
     *
     * @throws AuthenticationException (401) when the approval behind the token no longer holds, or
     *     when no app can be told apart (without the apps module's token handling nothing is served)
     */
    AppAccess current() {
        AppCallers apps = callers.getIfUnique();
        if (apps == null) {
            throw unauthorized("This server cannot tell which app is calling.");
        }
        try {
            return apps.current();
        } catch (AppCallers.AccessEnded e) {
            throw unauthorized("The access this token was issued for has ended. Ask the patient to connect the app again.");
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
        callers.getObject().read(access, interaction, resourceType, resources);
    }

    private static AuthenticationException unauthorized(String message) {
        var refused = new AuthenticationException(message);
        refused.addResponseHeader("WWW-Authenticate", INVALID_TOKEN);
        return refused;
    }
}
