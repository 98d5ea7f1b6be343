package org.caregate.record.internal;

import org.caregate.proxy.Area;

/** Which caregiver area each stored resource belongs to, for pages and downloads that show several. */
public final class RecordAreas {

    private RecordAreas() {}

    /** Test results (laboratory values and reports), medications, or the rest of the record. */
    public static Area areaOf(PatientRecords.Entry entry) {
        return switch (entry.resourceType()) {
            case "DiagnosticReport" -> Area.RESULTS;
            case "Observation" -> "laboratory".equals(entry.category()) ? Area.RESULTS : Area.RECORD;
            case "MedicationRequest", "MedicationStatement", "MedicationDispense" -> Area.MEDICATIONS;
            default -> Area.RECORD;
        };
    }
}
