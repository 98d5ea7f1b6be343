package org.caregate.record.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.record.RecordView;
import org.caregate.record.RecordViewed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one place that decides whose record a signed-in person may read, asked on every request, and
 * that records each read. Today that is a patient's own record; the caregiver rules (issue 7) add
 * the patients a person helps, and hide confidential items from them, here.
 */
@Component
public class RecordAccess {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecordAccess(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * The patient whose record this person reads on the pages of {@code organizationId}.
     *
     * @throws OtherPortal when the person signed in at another organisation's portal
     * @throws NoRecord when the account has no patient record to read
     */
    public PatientId patientFor(PortalUser user, String organizationId) {
        if (user.kind() != AccountKind.PATIENT || user.patientId() == null || user.organizationId() == null) {
            throw new NoRecord();
        }
        if (!user.organizationId().equals(organizationId)) {
            throw new OtherPortal(user.organizationId());
        }
        return user.patientId();
    }

    /** Records that the person read these resources of the patient's. */
    public void viewed(PortalUser user, PatientId patient, RecordView view, Collection<UUID> resources) {
        events.publishEvent(new RecordViewed(user.accountId(), patient, String.valueOf(user.organizationId()), view,
                List.copyOf(resources), clock.instant()));
    }

    /** The person signed in at another organisation's portal: their pages are there. */
    public static final class OtherPortal extends RuntimeException {
        private final String organizationId;

        OtherPortal(String organizationId) {
            super(null, null, false, false);
            this.organizationId = organizationId;
        }

        public String organizationId() {
            return organizationId;
        }
    }

    /** The account has no record this person may read. */
    public static final class NoRecord extends RuntimeException {
        NoRecord() {
            super(null, null, false, false);
        }
    }
}
