package org.caregate.record.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.RecordViewed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records each read of a patient's record: who read it (the patient or their caregiver), whose it
 * was, and what. Whose record a request may read is decided before, by {@code proxy.CareAccess}.
 */
@Component
public class RecordAccess {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    RecordAccess(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** Records that the person read these resources of the patient's. */
    public void viewed(Viewing viewing, RecordView view, Collection<UUID> resources) {
        events.publishEvent(new RecordViewed(viewing.actor(), viewing.patient(), viewing.organizationId(), view,
                List.copyOf(resources), clock.instant()));
    }
}
