package org.caregate.demo.internal;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodes;
import org.caregate.mfa.ProvedPhones;
import org.caregate.organization.Organizations;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.CareGrants;
import org.caregate.record.RecordBulkLoad;
import org.caregate.record.RecordImport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo patients on the first start, once, even when several nodes start together (an
 * advisory lock serialises them), then imports their clinical records (see {@link DemoRecords}). With
 * {@code caregate.demo.generate=N} it then adds N more patients with their records in batches, with a
 * progress bar, and exits: the benchmark data command. The first load also opens the demo's accounts
 * (see {@link DemoAccounts}) and gives a few patients without accounts an activation code (see
 * {@link DemoActivationCodes}); then the demo accounts get their caregivers ({@link DemoCaregivers}).
 */
@Component
@ConditionalOnProperty(name = "caregate.demo.enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner, Ordered {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final int BATCH = 1_000;

    private final DemoSettings settings;
    private final DemoPatientGenerator generator;
    private final PatientRegistry registry;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ConfigurableApplicationContext context;
    private final DemoAccounts demoAccounts;
    private final DemoActivationCodes demoCodes;
    private final Organizations organizations;
    private final DemoRecords records;
    private final AccountManagement accounts;
    private final DemoCaregivers caregivers;

    DemoDataLoader(DemoSettings settings, Organizations organizations, PatientRegistry registry, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock, ConfigurableApplicationContext context,
            AccountManagement accounts, ActivationCodes activationCodes, ProvedPhones phones, RecordImport imports,
            RecordBulkLoad bulk, FhirContext fhir, CareGrants grants) {
        this.records = new DemoRecords(new DemoRecordGenerator(settings.seed()), imports, bulk, fhir);
        this.caregivers = new DemoCaregivers(grants, accounts, registry, imports, fhir, clock);
        this.accounts = accounts;
        this.demoAccounts = new DemoAccounts(accounts, phones);
        this.demoCodes = new DemoActivationCodes(activationCodes, accounts);
        this.organizations = organizations;
        this.settings = settings;
        this.generator = new DemoPatientGenerator(settings.seed(), organizations.all());
        this.registry = registry;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        loadOnce();
        loadRecordsOnce();
        addCaregiversOnce();
        if (settings.generate() > 0) {
            generate(settings.generate());
            if (settings.exitWhenGenerated()) {
                System.exit(SpringApplication.exit(context, () -> 0));
            }
        }
    }

    /** Loads the default demo patients unless an earlier start did. Returns how many it added. */
    long loadOnce() {
        Long added = transactions.execute(status -> {
            lock();
            if (generated() >= 0) {
                // Databases made before demo accounts or codes existed get them on their next start.
                List<Patient> loaded = generator.patients(0, settings.patients())
                        .map(p -> p.recordNumbers().getFirst())
                        .flatMap(n -> registry.findByRecordNumber(n.organizationId(), n.value()).stream())
                        .toList();
                demoAccounts.openMissing(loaded);
                demoAccounts.enrolMissing();
                demoCodes.issueMissing(loaded, organizations.all());
                return 0L;
            }
            List<NewPatient> patients = generator.patients(0, settings.patients()).toList();
            List<Patient> registered = registry.registerAll(patients);
            demoAccounts.openMissing(registered);
            demoAccounts.enrolMissing();
            demoCodes.issueMissing(registered, organizations.all());
            jdbc.sql("INSERT INTO demo_data_load (id, seed, generated, loaded_at) VALUES (1, ?, ?, ?)")
                    .params(settings.seed(), patients.size(), java.sql.Timestamp.from(clock.instant()))
                    .update();
            return (long) patients.size();
        });
        if (added != null && added > 0) {
            log.info("Loaded {} demo patients (seed {})", added, settings.seed());
        }
        return added == null ? 0 : added;
    }

    /**
     * Imports the demo patients' records unless an earlier start did (databases made before the
     * records existed get them now). Returns how many resources it imported. The lock is held
     * throughout, so another node starting meanwhile waits and then finds them imported.
     */
    long loadRecordsOnce() {
        long start = System.nanoTime();
        DemoRecords.Written written = transactions.execute(status -> {
            lock();
            boolean due = jdbc.sql("SELECT records_loaded_at IS NULL FROM demo_data_load WHERE id = 1")
                    .query(Boolean.class).optional().orElse(false);
            if (!due) {
                return DemoRecords.Written.NONE;
            }
            List<DemoRecords.Indexed> patients = demoPatientsAccountsFirst();
            DemoRecords.Written imported;
            // Each record is imported in a transaction of its own, on other threads; this one only holds the lock.
            try (var progress = new DelayedProgressBar("Importing demo records", DemoRecords.count(patients), " records",
                    Duration.ofSeconds(2))) {
                imported = records.importAll(patients, progress::stepBy);
            }
            jdbc.sql("UPDATE demo_data_load SET records_loaded_at = ? WHERE id = 1")
                    .param(java.sql.Timestamp.from(clock.instant())).update();
            return imported;
        });
        if (written != null && written.bundles() > 0) {
            log.info("Imported the demo patients' records: {} resources ({} observations) in {} bundles, validated, in {} s",
                    written.resources(), written.observations(), written.bundles(), seconds(start));
        }
        return written == null ? 0 : written.resources();
    }

    /**
     * Gives the demo accounts their caregivers (see {@link DemoCaregivers}) unless they have them.
     * After the records, as it adds to a teenager's. Returns how many grants it made.
     */
    int addCaregiversOnce() {
        Integer made = transactions.execute(status -> {
            lock();
            List<Patient> demoPatients = generator.patients(0, settings.patients())
                    .map(p -> p.recordNumbers().getFirst())
                    .flatMap(n -> registry.findByRecordNumber(n.organizationId(), n.value()).stream())
                    .toList();
            return caregivers.addMissing(demoPatients);
        });
        if (made != null && made > 0) {
            log.info("Gave the demo accounts {} caregiver grants", made);
        }
        return made == null ? 0 : made;
    }

    /**
     * The demo patients in the registry, those with an account first: the import takes a while, and
     * someone trying the demo signs in as one of them.
     */
    private List<DemoRecords.Indexed> demoPatientsAccountsFirst() {
        List<DemoRecords.Indexed> ordered = new ArrayList<>();
        List<DemoRecords.Indexed> withoutAccount = new ArrayList<>();
        for (DemoRecords.Indexed p : DemoRecords.indexed(0, generator.patients(0, settings.patients()).toList())) {
            MedicalRecordNumber number = p.patient().recordNumbers().getFirst();
            registry.findByRecordNumber(number.organizationId(), number.value()).ifPresent(found ->
                    (accounts.findByPatient(found.id()).isPresent() ? ordered : withoutAccount).add(p));
        }
        ordered.addAll(withoutAccount);
        return ordered;
    }

    /**
     * Adds {@code count} patients after the ones already generated, a batch per transaction, with
     * their records as {@code caregate.demo.generated-records} says: written in the batch's own
     * transaction ({@code bulk}), or imported one bundle per transaction once the batch is stored
     * ({@code import}).
     */
    void generate(long count) {
        long start = System.nanoTime();
        DemoSettings.GeneratedRecords mode = settings.generatedRecords();
        DemoRecords.Written written = DemoRecords.Written.NONE;
        try (ProgressBar progress = new ProgressBarBuilder()
                .setTaskName(mode == DemoSettings.GeneratedRecords.NONE ? "Generating patients" : "Generating patients and records")
                .setInitialMax(count).setStyle(ProgressBarStyle.ASCII).setUnit(" patients", 1)
                .setUpdateIntervalMillis(500).build()) {
            long done = 0;
            while (done < count) {
                long size = Math.min(BATCH, count - done);
                Batch batch = transactions.execute(status -> {
                    lock();
                    long from = generated();
                    List<DemoRecords.Indexed> patients = DemoRecords.indexed(from, generator.patients(from, size).toList());
                    registry.registerAll(patients.stream().map(DemoRecords.Indexed::patient).toList());
                    DemoRecords.Written bulk = mode == DemoSettings.GeneratedRecords.BULK
                            ? records.bulkLoad(patients, progress::stepBy) : DemoRecords.Written.NONE;
                    jdbc.sql("UPDATE demo_data_load SET generated = generated + ? WHERE id = 1").param(size).update();
                    return new Batch(patients, bulk);
                });
                written = written.plus(batch.written());
                if (mode == DemoSettings.GeneratedRecords.IMPORT) {
                    written = written.plus(records.importAll(batch.patients(), bundles -> {}));
                }
                if (mode != DemoSettings.GeneratedRecords.BULK) {
                    progress.stepBy(size);
                }
                done += size;
            }
        }
        double seconds = seconds(start);
        log.info("Generated {} more demo patients in {} s; the registry now holds {}", count, seconds, registry.count());
        if (mode != DemoSettings.GeneratedRecords.NONE) {
            log.info("Their records ({}): {} resources ({} observations) in {} bundles, {} resources a second", mode,
                    written.resources(), written.observations(), written.bundles(), Math.round(written.resources() / seconds));
        }
    }

    /** A batch of generated patients and what was written of their records in its transaction. */
    private record Batch(List<DemoRecords.Indexed> patients, DemoRecords.Written written) {}

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }

    private void lock() {
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(hashtext('caregate.demo'))").query(Integer.class).single();
    }

    private long generated() {
        return jdbc.sql("SELECT generated FROM demo_data_load WHERE id = 1").query(Long.class).optional().orElse(-1L);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
