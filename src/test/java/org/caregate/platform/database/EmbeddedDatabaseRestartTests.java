package org.caregate.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.caregate.CaregateApplication;
import org.caregate.patient.Address;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.patient.Sex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** What a person trying the demo sees: stop the portal, start it again, and everything is still there. */
class EmbeddedDatabaseRestartTests {

    @TempDir
    Path directory;

    private ConfigurableApplicationContext start(Path dataDirectory) {
        return new SpringApplicationBuilder(CaregateApplication.class)
                .profiles("test")
                .run("--caregate.database.embedded.data-directory=" + dataDirectory, "--caregate.demo.enabled=true",
                        "--caregate.demo.patients=5", "--server.port=0", "--PORTAL_DB_URL=");
    }

    @Test
    void dataSurvivesARestart() {
        Path data = directory.resolve("pg");
        String mrn;
        try (var first = start(data)) {
            var registry = first.getBean(PatientRegistry.class);
            assertThat(registry.count()).isEqualTo(5);
            mrn = registry.register(new NewPatient("Rosa", "Restart", LocalDate.of(1961, 5, 2), Sex.FEMALE,
                    new Address("1 Main St", null, "Decorah", "IA", "52101", "US"), null, "en",
                    List.of(PhoneNumber.parse("+15635550142", "US", PhoneKind.MOBILE)),
                    List.of(new MedicalRecordNumber("clinic", "RESTART-1")))).recordNumbers().getFirst().value();
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

        try (var second = start(data)) {
            var registry = second.getBean(PatientRegistry.class);
            assertThat(registry.findByRecordNumber("clinic", mrn)).isPresent();
            // The demo patients were loaded once, not again.
            assertThat(registry.count()).isEqualTo(6);
        }
    }

    @Test
    void anOrphanedServerLeftByACrashIsStoppedBeforeStarting() throws Exception {
        // A stand-in for a PostgreSQL server whose portal was killed: a long sleep named "postgres".
        Path fakeServer = directory.resolve("postgres");
        Files.copy(Path.of("/bin/sleep"), fakeServer, StandardCopyOption.COPY_ATTRIBUTES);
        Process orphan = new ProcessBuilder(fakeServer.toString(), "120").start();
        try {
            Path data = Files.createDirectories(directory.resolve("pg"));
            Files.writeString(data.resolve("postmaster.pid"), orphan.pid() + "\n" + data + "\n");

            StaleServer.stopIfRunning(data);

            assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aPidFileOfAnUnrelatedProcessIsLeftAlone() throws Exception {
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Path data = Files.createDirectories(directory.resolve("pg"));
            Files.writeString(data.resolve("postmaster.pid"), unrelated.pid() + "\n");

            StaleServer.stopIfRunning(data);

            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }
}
