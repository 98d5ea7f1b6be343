package org.caregate.apps.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.caregate.apps.AppAccess;
import org.caregate.apps.AppCallers;
import org.caregate.apps.AppDataRead;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.proxy.CareAccess;
import org.caregate.proxy.Viewing;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Component;

/**
 * The app behind an API call, from the token checked by {@link LocalTokens}, and what it may read
 * now: the approval's patient, seen through {@link CareAccess#forApp} as the person who approved
 * it, so a caregiver's approval stops working the moment their full access ends.
 */
@Component
class ApiCallers implements AppCallers {

    private final CareAccess careAccess;
    private final Authorizations authorizations;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ApiCallers(CareAccess careAccess, Authorizations authorizations, JdbcClient jdbc, ApplicationEventPublisher events,
            Clock clock) {
        this.careAccess = careAccess;
        this.authorizations = authorizations;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public AppAccess current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof OAuth2AuthenticatedPrincipal token)
                || !(token.getAttribute(LocalTokens.APPROVAL) instanceof OAuth2Authorization approval)) {
            throw new AccessEnded();
        }
        String patient = approval.getAttribute(Authorizations.PATIENT);
        String organization = approval.getAttribute(Authorizations.ORGANIZATION);
        if (patient == null || organization == null
                || !(approval.getAttribute(java.security.Principal.class.getName()) instanceof Authentication person)
                || !(person.getPrincipal() instanceof PortalUser user)) {
            // A system token (backend services) reads no patient's record through the API.
            throw new AccessEnded();
        }
        Viewing viewing;
        try {
            viewing = careAccess.forApp(user, organization, new PatientId(UUID.fromString(patient)));
        } catch (CareAccess.NotAllowed e) {
            throw new AccessEnded();
        }
        return new AppAccess(UUID.fromString(approval.getId()), token.getAttribute(LocalTokens.CLIENT),
                token.getAttribute(LocalTokens.APP_NAME), viewing, new HashSet<>(approval.getAuthorizedScopes()));
    }

    @Override
    public void read(AppAccess access, String interaction, String resourceType, List<UUID> resources) {
        Instant now = clock.instant();
        Viewing viewing = access.viewing();
        jdbc.sql("""
                INSERT INTO app_data_read (authorization_id, client_id, approved_by, patient_id, organization_id,
                    interaction, resource_type, resources, read_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(access.authorization().toString(), access.clientId(), viewing.actor().value(), viewing.patient().value(),
                viewing.organizationId(), interaction, resourceType, resources.size(), Timestamp.from(now)).update();
        authorizations.readNow(access.authorization().toString(), now);
        events.publishEvent(new AppDataRead(access.clientId(), viewing.actor(), viewing.patient(),
                viewing.organizationId(), interaction, resourceType, List.copyOf(resources), now));
    }
}
