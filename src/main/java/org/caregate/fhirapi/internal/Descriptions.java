package org.caregate.fhirapi.internal;

/** What each search parameter matches, as the capability statement tells apps. */
final class Descriptions {

    static final String PATIENT = "The patient: Patient/<id> or <id>; only the token's patient";
    static final String SUBJECT = "As patient";
    static final String ID = "The resource's id";
    static final String CATEGORY = "The first category: code, system|code or |code";
    static final String CODE = "The first coding: code, system|code, |code or system|";
    static final String STATUS = "The status";
    static final String CLINICAL_STATUS = "The clinical status (active, resolved…)";
    static final String INTENT = "The intent (order, plan…)";
    static final String IDENTIFIER = "The EHR's identifier: system|value or value";
    static final String LAST_UPDATED = "When the portal last stored a change";

    private Descriptions() {}
}
