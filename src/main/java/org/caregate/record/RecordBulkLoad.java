package org.caregate.record;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Writes large volumes of generated records for benchmarks, much faster than {@link RecordImport}
 * and with less checking: no validation against FHIR R4, no look-up of stored identifiers (every
 * resource must be new) and no entry in the version history. The rows are otherwise what an import
 * writes: the same search columns, ids, references and {@code meta}, version 1, and the same content
 * hash, so that importing the same bundle later through {@link RecordImport} changes nothing.
 *
 * <p>Only for bundles known to be valid, such as the demo generator's, which its tests validate and
 * the demo's first start imports through {@link RecordImport}. Never for an EHR's data.
 */
public interface RecordBulkLoad {

    /**
     * Writes the bundles in one transaction (the caller's, when one is active), all or nothing.
     * Each bundle holds one Patient, found in the registry by its medical record number at the
     * organisation, and resources that are all about that patient.
     *
     * @return how many resources were written (the Patients are not stored in the record)
     * @throws IllegalArgumentException for an unknown organisation, a bundle whose Patient the
     *     registry does not know at the organisation, or a resource without an identifier
     * @throws org.springframework.dao.DataAccessException when a resource with the same identifier
     *     is already stored, or the database fails; nothing is written
     */
    long load(String organizationId, List<Bundle> bundles);
}
