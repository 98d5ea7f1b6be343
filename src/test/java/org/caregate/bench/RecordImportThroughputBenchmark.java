package org.caregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * Resources per second through {@link RecordImport}, HAPI validation included, with generated demo
 * records (about 220 resources each): on one thread, then on one thread per core as the demo's first
 * start imports them; then the share of the validator alone, and importing unchanged bundles again.
 * Not a test: run by {@code bench/import-throughput}, which sets {@code caregate.bench=true}.
 */
@SpringBootTest
@ActiveProfiles("test")
@EnabledIfSystemProperty(named = "caregate.bench", matches = "true")
class RecordImportThroughputBenchmark {

    private static final int BUNDLES = Integer.getInteger("caregate.bench.bundles", 200);
    private static final int WARM_UP = 10;

    @Autowired
    RecordImport imports;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    FhirValidator validator;

    @Autowired
    FhirContext fhir;

    /** A bundle ready to import, and how many resources the import stores from it. */
    private record Ready(String organization, String json, int resources) {}

    @Test
    void resourcesPerSecondThroughTheImport() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        // The demo's generator and seed (the demo itself is off in tests, so its patients are free).
        var patients = new DemoPatientGenerator(20261122L, organizations.all());
        var records = new DemoRecordGenerator(20261122L);
        List<Ready> all = new ArrayList<>();
        for (long index = 0; index < WARM_UP + 2L * BUNDLES; index++) {
            NewPatient patient = patients.patient(index);
            registry.register(patient);
            String organization = patient.recordNumbers().getFirst().organizationId();
            Bundle bundle = records.record(patient, index, organization);
            all.add(new Ready(organization, fhir.newJsonParser().encodeResourceToString(bundle), bundle.getEntry().size() - 1));
        }
        List<Ready> warmUp = all.subList(0, WARM_UP);
        List<Ready> first = all.subList(WARM_UP, WARM_UP + BUNDLES);
        List<Ready> second = all.subList(WARM_UP + BUNDLES, all.size());

        run(warmUp, 1);
        Rate oneThread = run(first, 1);
        Rate everyCore = run(second, cores);
        Rate validation = validateOnly(first);
        Rate unchanged = run(first, 1);

        String report = """
                Record import through RecordImport (HAPI validation on), generated demo records, %d cores
                %d bundles a run, %d resources each on average; warmed up with %d bundles first
                one thread:              %6.2f bundles/s  %7.0f resources/s
                %d threads (one a core):  %6.2f bundles/s  %7.0f resources/s
                validation alone:        %6.2f bundles/s  %7.0f resources/s   (one thread, same bundles: %.0f%% of the one-thread import)
                again, unchanged:        %6.2f bundles/s  %7.0f resources/s   (one thread: validated again, nothing written)
                """.formatted(cores, BUNDLES, Math.round(first.stream().mapToInt(Ready::resources).average().orElse(0)), WARM_UP,
                oneThread.bundles(), oneThread.resources(), cores, everyCore.bundles(), everyCore.resources(),
                validation.bundles(), validation.resources(), 100 * oneThread.bundles() / validation.bundles(),
                unchanged.bundles(), unchanged.resources());
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "import-throughput.txt"), report);
        assertThat(oneThread.bundles()).isPositive();
    }

    private record Rate(double bundles, double resources) {}

    private Rate run(List<Ready> bundles, int threads) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<ImportResult>> results = new ArrayList<>();
            for (Ready ready : bundles) {
                results.add(pool.submit(() -> imports.importBundle(ready.organization(), ready.json())));
            }
            for (Future<ImportResult> result : results) {
                assertThat(result.get()).as("%s", result.get()).isInstanceOf(ImportResult.Imported.class);
            }
        }
        return rate(bundles, start);
    }

    private Rate validateOnly(List<Ready> bundles) {
        long start = System.nanoTime();
        for (Ready ready : bundles) {
            validator.validateWithResult(fhir.newJsonParser().parseResource(Bundle.class, ready.json()));
        }
        return rate(bundles, start);
    }

    private static Rate rate(List<Ready> bundles, long start) {
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Rate(bundles.size() / seconds, bundles.stream().mapToInt(Ready::resources).sum() / seconds);
    }
}
