package org.caregate.apps.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caregate.apps.AppDisconnected;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The apps connected to a patient's record, for the Connected apps page: each app that holds an
 * approval it can still use (a token not expired, revoked or replaced), and disconnecting one, which
 * deletes its approvals for that record so that every token it holds stops at once. Whether the
 * person asking may see or disconnect them is the caller's check ({@code CareAccess.forApp}).
 */
@Service
public class ConnectedApps {

    private final Authorizations authorizations;
    private final Clients clients;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ConnectedApps(Authorizations authorizations, Clients clients, ApplicationEventPublisher events, Clock clock) {
        this.authorizations = authorizations;
        this.clients = clients;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One app connected to a record, all its approvals for that record taken together (an app may
     * have been approved more than once, by the patient and by a caregiver).
     *
     * @param scopes every scope approved
     * @param approvedBy who approved it, newest approval first, each once
     * @param connectedAt when the first approval still in use was given
     * @param lastReadAt when it last read the record through the API; {@code null}: never yet
     * @param keepsReading it holds a refresh token, so it can go on reading until disconnected
     * @param endsAt when it can read no more, when it cannot keep reading
     */
    public record Connection(UUID app, String clientId, String name, Set<String> scopes, List<AccountId> approvedBy,
            Instant connectedAt, @Nullable Instant lastReadAt, boolean keepsReading, @Nullable Instant endsAt) {

        public Connection {
            scopes = Set.copyOf(scopes);
            approvedBy = List.copyOf(approvedBy);
        }
    }

    /** The apps that can read this record now, the most recently connected first. */
    public List<Connection> of(PatientId patient, String organizationId) {
        Map<UUID, List<Usable>> byApp = new LinkedHashMap<>();
        for (Authorizations.Approval approval : authorizations.ofPatient(patient, organizationId)) {
            Usable usable = usable(approval);
            if (usable != null) {
                byApp.computeIfAbsent(approval.app(), app -> new ArrayList<>()).add(usable);
            }
        }
        List<Connection> connections = new ArrayList<>();
        byApp.forEach((app, approvals) -> clients.find(app).filter(client -> client.disabledAt() == null)
                .ifPresent(client -> connections.add(connection(client, approvals))));
        return connections;
    }

    /** One app, if it can read this record now. */
    public Optional<Connection> find(UUID app, PatientId patient, String organizationId) {
        return of(patient, organizationId).stream().filter(c -> c.app().equals(app)).findFirst();
    }

    /**
     * Disconnects an app from a record: its approvals for the record are deleted, so its tokens are
     * unknown from this moment (on the API and at the token endpoint).
     *
     * @param by who asked: the patient, or a caregiver allowed to approve apps for them
     * @return the app as it was connected; empty when it was not connected to this record
     */
    @Transactional
    public Optional<Connection> disconnect(UUID app, PatientId patient, String organizationId, AccountId by) {
        Optional<Connection> connected = find(app, patient, organizationId);
        if (connected.isEmpty()) {
            return connected;
        }
        authorizations.disconnect(app, patient, organizationId);
        events.publishEvent(new AppDisconnected(app, connected.get().clientId(), patient, organizationId, by,
                clock.instant()));
        return connected;
    }

    /** An approval with its tokens as they stand, or {@code null} when none of them works any more. */
    private @Nullable Usable usable(Authorizations.Approval approval) {
        OAuth2Authorization authorization = authorizations.findById(approval.id());
        if (authorization == null) {
            return null;
        }
        OAuth2Authorization.Token<OAuth2AccessToken> access = authorization.getAccessToken();
        OAuth2Authorization.Token<OAuth2RefreshToken> refresh = authorization.getRefreshToken();
        boolean accessWorks = access != null && access.isActive();
        boolean refreshWorks = refresh != null && refresh.isActive();
        if (!accessWorks && !refreshWorks) {
            return null;
        }
        return new Usable(approval, refreshWorks, accessWorks ? access.getToken().getExpiresAt() : null);
    }

    private record Usable(Authorizations.Approval approval, boolean keepsReading, @Nullable Instant accessEndsAt) {}

    private static Connection connection(Clients.App client, List<Usable> approvals) {
        Set<String> scopes = new LinkedHashSet<>();
        Set<AccountId> approvers = new LinkedHashSet<>();
        Instant connectedAt = null;
        Instant lastRead = null;
        Instant endsAt = null;
        boolean keepsReading = false;
        for (Usable usable : approvals) {
            Authorizations.Approval approval = usable.approval();
            scopes.addAll(approval.scopes());
            if (approval.approvedBy() != null) {
                approvers.add(approval.approvedBy());
            }
            connectedAt = connectedAt == null || approval.createdAt().isBefore(connectedAt) ? approval.createdAt()
                    : connectedAt;
            if (approval.lastReadAt() != null && (lastRead == null || approval.lastReadAt().isAfter(lastRead))) {
                lastRead = approval.lastReadAt();
            }
            keepsReading |= usable.keepsReading();
            if (usable.accessEndsAt() != null && (endsAt == null || usable.accessEndsAt().isAfter(endsAt))) {
                endsAt = usable.accessEndsAt();
            }
        }
        return new Connection(client.id(), client.clientId(), client.name(), scopes, List.copyOf(approvers),
                connectedAt, lastRead, keepsReading, keepsReading ? null : endsAt);
    }
}
