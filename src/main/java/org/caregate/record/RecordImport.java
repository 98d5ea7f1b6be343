package org.caregate.record;

/**
 * Takes FHIR R4 bundles (type {@code transaction} or {@code batch}) from an organisation's EHR into
 * the record, all or nothing per bundle:
 * <ul>
 *   <li>the bundle must be valid FHIR R4 (HAPI's validator; each error is named in the answer);</li>
 *   <li>each Patient in it is found in the registry by its medical record number at that
 *       organisation ({@link RecordIdentifiers#mrnSystem}); every other resource must refer to one of
 *       them, by its {@code fullUrl} or by {@code Patient?identifier=<system>|<number>};</li>
 *   <li>each resource needs an identifier: importing the same one again updates it (a new version
 *       when its content changed, nothing when it did not).</li>
 * </ul>
 * A refused bundle, or one whose writing fails part way, leaves nothing stored.
 */
public interface RecordImport {

    /**
     * @param organizationId the organisation whose EHR sent the bundle
     * @param bundleJson the bundle as FHIR JSON
     */
    ImportResult importBundle(String organizationId, String bundleJson);
}
