package org.caregate.record;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.caregate.patient.PatientId;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the audit module will hear: every {@link RecordViewed}, kept for tests. Pages run on the
 * server's threads, so Spring's thread-bound {@code ApplicationEvents} does not see them.
 */
@Component
public class RecordViews {

    private final ConcurrentLinkedQueue<RecordViewed> seen = new ConcurrentLinkedQueue<>();

    @EventListener
    void on(RecordViewed viewed) {
        seen.add(viewed);
    }

    /** Views of this patient's record, oldest first. */
    public List<RecordViewed> of(PatientId patient) {
        return seen.stream().filter(v -> v.patient().equals(patient)).toList();
    }
}
