/**
 * Caregiver (proxy) access: a person who signs in to their own account and sees, within the
 * permissions granted, the record of a patient they help. The patient invites them (or staff record
 * a parent, guardian or power of attorney after paperwork); the patient or staff change or revoke
 * it, effective on the next request. Every page that shows a patient's data asks {@link CareAccess}
 * whose data it may show, through a {@link ForPatient} parameter.
 */
@ApplicationModule(displayName = "Caregiver access",
        allowedDependencies = {"identity", "patient", "organization", "notify", "platform"})
@NullMarked
package org.caregate.proxy;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
