package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.caregate.IntegrationTest;
import org.caregate.TestPatients;
import org.caregate.patient.Patient;
import org.caregate.record.RecordImportIntegrationTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** {@code bin/import-bundles}: a folder of bundles, each all or nothing, refusals named by file. */
@IntegrationTest
@Import(TestPatients.class)
class FolderImportIntegrationTests {

    @Autowired
    FolderImport folderImport;

    @Autowired
    RecordStore store;

    @Autowired
    TestPatients patients;

    @TempDir
    Path folder;

    @Test
    void everyBundleOfAFolderIsImportedAndARefusedOneIsNamedWithoutStoppingTheOthers() throws Exception {
        var json = FhirContext.forR4Cached().newJsonParser();
        Patient first = patients.patient("clinic");
        Patient second = patients.patient("clinic");
        Files.writeString(folder.resolve("a.json"),
                json.encodeResourceToString(RecordImportIntegrationTests.bundle(first, "clinic", TestPatients.tag(), "6.1")));
        Files.writeString(folder.resolve("b.json"), "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}");
        Files.writeString(folder.resolve("c.json"),
                json.encodeResourceToString(RecordImportIntegrationTests.bundle(second, "clinic", TestPatients.tag(), "8.4")));
        Files.writeString(folder.resolve("notes.txt"), "not a bundle, not read");

        var output = new ByteArrayOutputStream();
        int failed = folderImport.importFolder(folder, "clinic", new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(failed).isOne();
        String report = output.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("b.json: Bundle.type", "Imported 2 of 3 bundles (4 resources)")
                .doesNotContain("a.json:", "c.json:", "notes.txt");
        assertThat(store.count(first.id())).isEqualTo(2);
        assertThat(store.count(second.id())).isEqualTo(2);
    }
}
