/**
 * Outside apps: the SMART on FHIR authorisation server (Spring Security's OAuth2 authorisation
 * server), the apps administrators register, the patient's consent, the "Connected apps" page, the
 * bearer tokens the FHIR API ({@code fhirapi}) accepts, and backend services: the EHR's import
 * client gets system tokens with a JWT signed by its own key, for the addresses modules declare for
 * programs ({@link org.caregate.platform.ProgramPaths}); they read no patient's record through the
 * FHIR API. {@link org.caregate.apps.AppCallers} tells the FHIR API, on every call, which app is calling, for whom, and what it may read.
 */
@ApplicationModule(displayName = "Outside apps",
        allowedDependencies = {"identity", "patient", "proxy", "organization", "platform"})
@NullMarked
package org.caregate.apps;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
