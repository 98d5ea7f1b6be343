package org.caregate.record.internal;

import org.caregate.proxy.Area;
import org.caregate.proxy.Viewing;

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

    /**
     * {@link #areaOf} as SQL for a search of one type: the condition a row must meet to be in an
     * area the viewer may read ({@code false} when none of that type is).
     */
    static String sql(String resourceType, Viewing viewing) {
        return switch (resourceType) {
            case "DiagnosticReport" -> viewing.mayRead(Area.RESULTS) ? "true" : "false";
            case "Observation" -> viewing.mayRead(Area.RESULTS)
                    ? (viewing.mayRead(Area.RECORD) ? "true" : "category = 'laboratory'")
                    : (viewing.mayRead(Area.RECORD) ? "category IS DISTINCT FROM 'laboratory'" : "false");
            case "MedicationRequest", "MedicationStatement", "MedicationDispense" ->
                    viewing.mayRead(Area.MEDICATIONS) ? "true" : "false";
            default -> viewing.mayRead(Area.RECORD) ? "true" : "false";
        };
    }
}
