package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.patient.PatientRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(properties = {"caregate.demo.enabled=true", "caregate.demo.patients=50"})
@ActiveProfiles("test")
class DemoDataLoadIntegrationTests {

    @Autowired
    PatientRegistry registry;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoPatientsAreLoadedOnceAndMoreCanBeGenerated() throws Exception {
        assertThat(registry.count()).isEqualTo(50);
        var loader = context.getBean("demoDataLoader");
        var loadOnce = loader.getClass().getDeclaredMethod("loadOnce");
        loadOnce.setAccessible(true);
        var generate = loader.getClass().getDeclaredMethod("generate", long.class);
        generate.setAccessible(true);

        assertThat(loadOnce.invoke(loader)).isEqualTo(0L);
        assertThat(registry.count()).isEqualTo(50);
        // The demo patients with a second factor have their mobile set up; the "not enrolled" one has none.
        assertThat(jdbc.sql("""
                SELECT a.username FROM mfa_phone m JOIN account a ON a.id = m.account_id ORDER BY a.username
                """).query(String.class).list()).containsExactly("demo.clinic", "demo.healthsystem");

        generate.invoke(loader, 2_500L);
        assertThat(registry.count()).isEqualTo(2_550);
        assertThat(jdbc.sql("SELECT generated FROM demo_data_load").query(Long.class).single()).isEqualTo(2_550);
        assertThat(registry.findByRecordNumber("clinic", "C10002549")
                .or(() -> registry.findByRecordNumber("health-system", "HS10002549"))).isPresent();
    }
}
