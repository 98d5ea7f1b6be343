/**
 * The patient registry: legal name, date of birth, sex, address, e-mail, phone numbers and one
 * medical record number per organisation. Other modules find patients through
 * {@link org.caregate.patient.PatientRegistry}; they never read its tables.
 */
@ApplicationModule(displayName = "Patient registry", allowedDependencies = "organization")
@NullMarked
package org.caregate.patient;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
