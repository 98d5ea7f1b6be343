package org.caregate.identity;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Set;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * The signed-in person, as kept in their session (in PostgreSQL, so any node serves them). Its name
 * for Spring Security and Spring Session is the account id, never the username, so the session
 * table's principal index holds nothing personal.
 *
 * @param organizationId the organisation whose portal this session uses; {@code null} for staff
 * @param givenNames what the pages greet the person with
 */
public record PortalUser(
        AccountId accountId,
        AccountKind kind,
        @Nullable String organizationId,
        @Nullable PatientId patientId,
        String givenNames,
        Set<StaffRole> roles,
        SignInMethod method,
        Instant signedInAt) implements AuthenticatedPrincipal, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public PortalUser {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return accountId.toString();
    }

    @Override
    public String toString() {
        return "PortalUser[" + accountId + "]";
    }
}
