package org.caregate.demo.internal;

import java.time.Clock;
import java.util.List;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodes;
import org.caregate.mfa.ProvedPhones;
import org.caregate.organization.Organizations;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
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
 * advisory lock serialises them). With {@code caregate.demo.generate=N} it then adds N more patients
 * in batches, with a progress bar, and exits: the benchmark data command. The first load also opens
 * the demo's accounts (see {@link DemoAccounts}) and gives a few patients without accounts an
 * activation code (see {@link DemoActivationCodes}).
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

    DemoDataLoader(DemoSettings settings, Organizations organizations, PatientRegistry registry, JdbcClient jdbc,
            TransactionTemplate transactions, Clock clock, ConfigurableApplicationContext context,
            AccountManagement accounts, ActivationCodes activationCodes, ProvedPhones phones) {
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

    /** Adds {@code count} patients after the ones already generated, a batch per transaction. */
    void generate(long count) {
        try (ProgressBar progress = new ProgressBarBuilder().setTaskName("Generating patients")
                .setInitialMax(count).setStyle(ProgressBarStyle.ASCII).setUnit(" patients", 1)
                .setUpdateIntervalMillis(500).build()) {
            long done = 0;
            while (done < count) {
                long size = Math.min(BATCH, count - done);
                transactions.executeWithoutResult(status -> {
                    lock();
                    long from = generated();
                    registry.registerAll(generator.patients(from, size).toList());
                    jdbc.sql("UPDATE demo_data_load SET generated = generated + ? WHERE id = 1").param(size).update();
                });
                done += size;
                progress.stepBy(size);
            }
        }
        log.info("Generated {} more demo patients; the registry now holds {}", count, registry.count());
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
