package org.caregate.record;

/** Which part of the record someone read, for the audit trail and the patient's own access log. */
public enum RecordView {
    HOME,
    RECORD_OVERVIEW,
    RESULTS,
    RESULT,
    NOTES,
    NOTE,
    VISITS,
    VISIT,
    MEDICATIONS,
    ALLERGIES,
    HEALTH_ISSUES,
    IMMUNIZATIONS,
    DOWNLOAD_FHIR,
    DOWNLOAD_PDF,
    /** An outside app read it through the FHIR API; the app itself is in the API's own audit entry. */
    FHIR_API
}
