package org.caregate.demo.internal;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordBulkLoad;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.StringType;

/**
 * Gives registered demo patients their generated clinical records ({@link DemoRecordGenerator}), one
 * per organisation that knows them. The demo's own patients go through {@link RecordImport}, checked
 * like any EHR's bundle; benchmark volume can go through {@link RecordBulkLoad} instead.
 */
class DemoRecords {

    /** Patients per bulk write: enough to keep the database busy, few enough to keep their bundles in memory. */
    private static final int BULK_CHUNK = 50;

    /** A demo patient and the index the patient generator made them from (the record depends on both). */
    record Indexed(long index, NewPatient patient) {}

    /** What was written. */
    record Written(long bundles, long resources, long observations) {

        static final Written NONE = new Written(0, 0, 0);

        Written plus(Written other) {
            return new Written(bundles + other.bundles, resources + other.resources, observations + other.observations);
        }
    }

    private final DemoRecordGenerator generator;
    private final RecordImport imports;
    private final RecordBulkLoad bulk;
    private final FhirContext fhir;

    DemoRecords(DemoRecordGenerator generator, RecordImport imports, RecordBulkLoad bulk, FhirContext fhir) {
        this.generator = generator;
        this.imports = imports;
        this.bulk = bulk;
        this.fhir = fhir;
    }

    /** The patients from {@code from} on, with their indexes. */
    static List<Indexed> indexed(long from, List<NewPatient> patients) {
        return IntStream.range(0, patients.size()).mapToObj(i -> new Indexed(from + i, patients.get(i))).toList();
    }

    /** How many records (bundles) the patients have: one per organisation that knows them. */
    static long count(List<Indexed> patients) {
        return patients.stream().mapToLong(p -> p.patient().recordNumbers().size()).sum();
    }

    /**
     * Imports every record through {@link RecordImport}, one bundle per transaction, in order, on as
     * many threads as there are cores (validation is most of the time, and uses one core per bundle).
     * Importing again changes nothing. {@code progress} hears of each record imported, from those threads.
     *
     * @throws IllegalStateException when a record is refused, naming where its first problem is
     */
    Written importAll(List<Indexed> patients, LongConsumer progress) {
        int threads = Runtime.getRuntime().availableProcessors();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<Written>> work = new ArrayList<>();
            for (Indexed p : patients) {
                for (MedicalRecordNumber number : p.patient().recordNumbers()) {
                    work.add(pool.submit(() -> {
                        Written written = importOne(p, number.organizationId());
                        progress.accept(1);
                        return written;
                    }));
                }
            }
            Written total = Written.NONE;
            try {
                for (Future<Written> w : work) {
                    total = total.plus(w.get());
                }
            } catch (InterruptedException | ExecutionException e) {
                work.forEach(w -> w.cancel(true));
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException("Demo records not imported", e);
            }
            return total;
        }
    }

    private Written importOne(Indexed p, String organization) {
        Bundle bundle = generator.record(p.patient(), p.index(), organization);
        long observations = observations(bundle);
        ImportResult result = imports.importBundle(organization, fhir.newJsonParser().encodeResourceToString(bundle));
        return switch (result) {
            case ImportResult.Imported imported -> new Written(1, imported.entries().size(), observations);
            // Where, not what: the message could quote the record's content.
            case ImportResult.Refused refused -> throw new IllegalStateException("The demo record of patient #"
                    + p.index() + " at " + organization + " was refused, first at " + refused.problems().getIssueFirstRep()
                            .getExpression().stream().map(StringType::getValue).findFirst().orElse("?"));
        };
    }

    /**
     * Writes every record through {@link RecordBulkLoad}, without validation, in the caller's
     * transaction, {@value #BULK_CHUNK} patients at a time; {@code progress} hears how many patients
     * are done after each chunk. For benchmark volume only: the records must be new.
     */
    Written bulkLoad(List<Indexed> patients, LongConsumer progress) {
        Written total = Written.NONE;
        for (int start = 0; start < patients.size(); start += BULK_CHUNK) {
            List<Indexed> chunk = patients.subList(start, Math.min(patients.size(), start + BULK_CHUNK));
            Map<String, List<Bundle>> byOrganization = new HashMap<>();
            chunk.parallelStream()
                    .flatMap(p -> p.patient().recordNumbers().stream()
                            .map(n -> Map.entry(n.organizationId(), generator.record(p.patient(), p.index(), n.organizationId()))))
                    .toList()
                    .forEach(e -> byOrganization.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
            for (var entry : byOrganization.entrySet()) {
                long observations = entry.getValue().stream().mapToLong(DemoRecords::observations).sum();
                long resources = bulk.load(entry.getKey(), entry.getValue());
                total = total.plus(new Written(entry.getValue().size(), resources, observations));
            }
            progress.accept(chunk.size());
        }
        return total;
    }

    private static long observations(Bundle bundle) {
        return bundle.getEntry().stream().filter(e -> e.getResource() instanceof Observation).count();
    }
}
