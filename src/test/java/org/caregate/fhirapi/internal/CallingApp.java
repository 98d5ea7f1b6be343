package org.caregate.fhirapi.internal;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.caregate.apps.AppAccess;
import org.caregate.apps.AppCallers;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;

/**
 * The app calling in a test, in place of the apps module's token check: whose record it reads and
 * with which scopes, as the test chooses (a caregiver's viewing, narrow scopes), and what it was
 * served.
 */
final class CallingApp implements AppCallers {

    /** One audit entry. */
    record Served(String clientId, String interaction, String resourceType, List<UUID> resources) {}

    private volatile @Nullable AppAccess access;
    private volatile boolean ended;
    private final List<Served> served = new CopyOnWriteArrayList<>();

    /** The patient's own app, with every read and search scope. */
    static AppAccess patientApp(PatientId patient, String organizationId) {
        return app(Viewing.own(AccountId.random(), patient, organizationId), Set.of("patient/*.rs"));
    }

    static AppAccess app(Viewing viewing, Set<String> scopes) {
        return new AppAccess(UUID.randomUUID(), "client-" + UUID.randomUUID(), "Test app", viewing, scopes);
    }

    CallingApp calling(AppAccess access) {
        this.access = access;
        this.ended = false;
        return this;
    }

    /** The approval behind the token no longer holds. */
    void end() {
        ended = true;
    }

    @Override
    public AppAccess current() {
        if (ended || access == null) {
            throw new AccessEnded();
        }
        return access;
    }

    @Override
    public void read(AppAccess access, String interaction, String resourceType, List<UUID> resources) {
        served.add(new Served(access.clientId(), interaction, resourceType, List.copyOf(resources)));
    }

    List<Served> served() {
        return List.copyOf(served);
    }

    Served lastServed() {
        return served.getLast();
    }

    /** The app requests that ask this stand-in. */
    AppRequests requests() {
        return new AppRequests(this);
    }
}
