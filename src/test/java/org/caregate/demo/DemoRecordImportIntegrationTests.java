package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.caregate.IntegrationTest;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's generated records go through the same import as an EHR's bundles, and again change nothing. */
@IntegrationTest
class DemoRecordImportIntegrationTests {

    @Autowired
    RecordImport imports;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Test
    void aGeneratedRecordImportsWholeAndIdempotently() {
        // An index far beyond the demo's patients, so its record number meets no other test's.
        long seed = 20261122L;
        long index = 9_000_000L + Math.floorMod(System.nanoTime(), 900_000L);
        NewPatient generated = new DemoPatientGenerator(seed, organizations.all()).patient(index);
        Patient patient = registry.register(generated);
        String organization = patient.recordNumbers().getFirst().organizationId();
        Bundle bundle = new DemoRecordGenerator(seed).record(generated, index, organization);
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);

        ImportResult first = imports.importBundle(organization, json);
        assertThat(first).as("%s", first).isInstanceOf(ImportResult.Imported.class);
        var imported = (ImportResult.Imported) first;
        assertThat(imported.entries()).hasSize(bundle.getEntry().size() - 1);
        assertThat(imported.count(ImportResult.Outcome.CREATED)).isEqualTo(imported.entries().size());

        var again = (ImportResult.Imported) imports.importBundle(organization, json);
        assertThat(again.count(ImportResult.Outcome.UNCHANGED)).isEqualTo(imported.entries().size());
    }
}
