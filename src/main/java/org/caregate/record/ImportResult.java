package org.caregate.record;

import java.util.List;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** What importing a bundle came to. */
public sealed interface ImportResult {

    /**
     * Every entry was stored (or was already stored with the same content).
     *
     * @param type the bundle's type, {@code transaction} or {@code batch}
     * @param entries one per bundle entry other than the Patient, in bundle order
     * @param patients one per Patient entry: the registry, not the import, keeps patients
     */
    record Imported(Bundle.BundleType type, List<Entry> entries, List<MatchedPatient> patients)
            implements ImportResult {

        public Imported {
            entries = List.copyOf(entries);
            patients = List.copyOf(patients);
        }

        public long count(Outcome outcome) {
            return entries.stream().filter(entry -> entry.outcome() == outcome).count();
        }
    }

    /** Nothing was stored; {@code problems} names each problem (severity error) with where it is. */
    record Refused(OperationOutcome problems) implements ImportResult {

        /**
         * Whether the text could not be read as a FHIR R4 Bundle in JSON at all (issue type
         * {@code structure}), as opposed to a bundle that was read and found wrong.
         */
        public boolean unreadable() {
            return problems.getIssue().stream().anyMatch(issue -> issue.getCode() == IssueType.STRUCTURE);
        }
    }

    /**
     * One stored resource.
     *
     * @param bundleEntry its place in the bundle ({@code Bundle.entry[n]})
     */
    record Entry(int bundleEntry, String resourceType, UUID id, int version, Outcome outcome) {}

    /**
     * A Patient entry, found in the registry by its record number; its details stay the registry's.
     *
     * @param bundleEntry its place in the bundle ({@code Bundle.entry[n]})
     */
    record MatchedPatient(int bundleEntry, PatientId patient) {}

    /** What happened to one resource. */
    enum Outcome { CREATED, UPDATED, UNCHANGED }
}
