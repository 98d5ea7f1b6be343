/**
 * The FHIR R4 API for outside apps at {@code /fhir}: HAPI FHIR's plain server, one resource provider
 * per type, reading and searching the patient's record ({@code record.RecordSearch}) and the
 * registry's Patient, with US Core's search parameters. Every call asks the {@code apps} module
 * which app is calling, for which patient and with which scopes ({@code apps.AppCallers}), and
 * records what it served. Nothing else uses this module: it has no public types.
 */
@ApplicationModule(displayName = "FHIR API",
        allowedDependencies = {"apps", "record", "proxy", "patient", "organization", "platform"})
@NullMarked
package org.caregate.fhirapi;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
