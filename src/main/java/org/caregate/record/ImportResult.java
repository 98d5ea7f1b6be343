package org.caregate.record;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;

/** What importing a bundle came to. */
public sealed interface ImportResult {

    /**
     * Every entry was stored (or was already stored with the same content).
     *
     * @param entries one per bundle entry other than the Patient, in bundle order
     */
    record Imported(List<Entry> entries) implements ImportResult {

        public Imported {
            entries = List.copyOf(entries);
        }

        public long count(Outcome outcome) {
            return entries.stream().filter(entry -> entry.outcome() == outcome).count();
        }
    }

    /** Nothing was stored; {@code problems} names each problem (severity error) with where it is. */
    record Refused(OperationOutcome problems) implements ImportResult {}

    /** One stored resource. */
    record Entry(String resourceType, UUID id, int version, Outcome outcome) {}

    /** What happened to one resource. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }
}
