/**
 * The clinical record: a current copy of each patient's FHIR R4 resources from the EHR, kept as
 * JSON in PostgreSQL with the columns needed to find them, every change versioned. Bundles come in
 * through {@link org.caregate.record.RecordImport}, all or nothing, matched to the registry by
 * medical record number per organisation ({@link org.caregate.record.RecordIdentifiers}): from a
 * folder ({@code bin/import-bundles}), over HTTP from the EHR's import client (a backend app's
 * bearer token, SMART Backend Services), or on staff administrators' "Import records" page
 * ({@code record.web}).
 */
@ApplicationModule(displayName = "Clinical record", allowedDependencies = {"identity", "patient", "organization", "platform", "proxy"})
@NullMarked
package org.caregate.record;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
