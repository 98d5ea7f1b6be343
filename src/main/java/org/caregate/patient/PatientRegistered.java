package org.caregate.patient;

/** A patient was added to the registry. Carries the id only: events are no place for health data. */
public record PatientRegistered(PatientId patientId) {}
