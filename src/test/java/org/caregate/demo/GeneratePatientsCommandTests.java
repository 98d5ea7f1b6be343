package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.CaregateApplication;
import org.caregate.patient.PatientRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** {@code bench/generate-patients} runs the portal without a web server; that run must work too. */
class GeneratePatientsCommandTests {

    @Test
    void theBenchmarkCommandAddsPatientsWithoutAWebServer() {
        try (var context = new SpringApplicationBuilder(CaregateApplication.class).profiles("test")
                .run("--caregate.demo.enabled=true", "--caregate.demo.patients=10", "--caregate.demo.generate=1500",
                        "--caregate.demo.exit-when-generated=false", "--spring.main.web-application-type=none",
                        "--PORTAL_DB_URL=")) {
            assertThat(context.getBean(PatientRegistry.class).count()).isEqualTo(1_510);
        }
    }
}
