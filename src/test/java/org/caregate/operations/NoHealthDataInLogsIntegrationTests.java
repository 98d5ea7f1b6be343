package org.caregate.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.caregate.organization.Organizations;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneNumber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs the demo (50 patients loaded at start, with output captured from before the start), uses
 * every page and lookup there is, then searches everything logged for any demo patient's name, birth
 * date, e-mail address, phone number or street address.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"caregate.demo.enabled=true", "caregate.demo.patients=50", "logging.level.org.caregate=DEBUG"})
@ActiveProfiles("test")
class NoHealthDataInLogsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    JdbcClient jdbc;

    @Test
    void logsHoldNoPatientDetails(CapturedOutput output) throws Exception {
        List<Patient> patients = demoPatients();
        assertThat(patients).hasSize(50);

        exercisePagesAndLookups(patients);

        String logs = output.getAll();
        assertThat(logs).contains("Loaded 50 demo patients"); // the capture did see the start
        List<String> leaks = new ArrayList<>();
        for (Patient patient : patients) {
            for (String detail : details(patient)) {
                if (Pattern.compile("(?<![\\p{L}\\d])" + Pattern.quote(detail) + "(?![\\p{L}\\d])").matcher(logs).find()) {
                    leaks.add(detail);
                }
            }
        }
        assertThat(leaks).as("patient details found in the logs").isEmpty();
    }

    private List<Patient> demoPatients() {
        return jdbc.sql("SELECT id FROM patient").query(java.util.UUID.class).list().stream()
                .map(id -> registry.find(new org.caregate.patient.PatientId(id)).orElseThrow()).toList();
    }

    private void exercisePagesAndLookups(List<Patient> patients) throws Exception {
        var http = HttpClient.newHttpClient();
        for (String path : List.of("/", "/?lang=es", "/clinic/sign-in", "/health-system/sign-in", "/staff/sign-in",
                "/no-such-page", "/actuator/health", "/actuator/prometheus", "/dev/outbox")) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.discarding());
        }
        for (Patient patient : patients) {
            for (MedicalRecordNumber number : patient.recordNumbers()) {
                assertThat(registry.findByRecordNumber(number.organizationId(), number.value())).isPresent();
            }
            if (patient.email() != null) {
                registry.findByEmail(patient.email());
            }
            patient.phones().forEach(phone -> registry.findByPhone(phone.e164()));
            registry.findByFamilyNameAndBirthDate(patient.familyName(), patient.dateOfBirth());
        }
    }

    private static List<String> details(Patient patient) {
        List<String> details = new ArrayList<>(List.of(patient.legalName(), patient.familyName(),
                patient.dateOfBirth().toString(), patient.address().line1()));
        details.addAll(List.of(patient.givenNames().split(" ")));
        if (patient.email() != null) {
            details.add(patient.email());
        }
        for (PhoneNumber phone : patient.phones()) {
            details.add(phone.e164());
            details.add(phone.e164().substring(phone.e164().length() - 10));
        }
        // Very short names ("Al", "Bo") would match ordinary words; they are covered by the full legal name.
        return details.stream().filter(d -> d.length() >= 4).toList();
    }
}
