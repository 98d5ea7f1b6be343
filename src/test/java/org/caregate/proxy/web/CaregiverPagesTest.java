package org.caregate.proxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Address;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.Sex;
import org.caregate.proxy.CareGrants;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the caregiver pages' HTTP tests: the portal on a random port with a clock the tests move
 * (the same set-up as the sign-up tests, so they share one Spring context), patients with accounts,
 * and the e-mails the portal sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
abstract class CaregiverPagesTest {

    /** An invitation code as the e-mail shows it: ABCD-EFGH-JKLM. */
    static final Pattern INVITATION_CODE = Pattern.compile("\\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\\b");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    PatientRegistry registry;

    @Autowired
    AccountManagement accounts;

    @Autowired
    CareGrants grants;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshHour() {
        // Sign-ins come from 127.0.0.1: a new hour refills the address's allowance.
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    /** A patient with an account. */
    record Person(Patient patient, Account account) {}

    Person person(String organizationId) {
        Patient patient = patients.patient(organizationId);
        return new Person(patient, patients.account(patient, "u-" + TestPatients.tag()));
    }

    /** A patient of this age today (by the test clock), with an account. */
    Person personAged(String organizationId, int years) {
        String tag = TestPatients.tag();
        LocalDate born = LocalDate.ofInstant(clock.instant(), clock.getZone()).minusYears(years).minusDays(30);
        Patient patient = registry.register(new NewPatient("Teo " + tag, "Ruiz" + tag, born, Sex.MALE,
                new Address("3 Elm St", null, "Rochester", "MN", "55901", "US"), tag + "@example.org", "en", List.of(),
                List.of(new MedicalRecordNumber(organizationId, "T" + tag.toUpperCase()))));
        return new Person(patient, patients.account(patient, "t-" + TestPatients.tag()));
    }

    FormSession signedIn(Account account, String organizationId) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn(organizationId, account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/" + organizationId + "/home?signed-in");
        return browser;
    }

    /** The patient invites someone from their sharing page; returns the code from the e-mail. */
    String invite(FormSession patient, String organizationId, String name, String email, String... terms)
            throws Exception {
        String[] fields = new String[6 + terms.length];
        fields[0] = "name";
        fields[1] = name;
        fields[2] = "email";
        fields[3] = email;
        fields[4] = "relationship";
        fields[5] = "adult-child";
        System.arraycopy(terms, 0, fields, 6, terms.length);
        var answer = patient.submit("/" + organizationId + "/sharing/invite", fields);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        assertThat(FormSession.location(answer)).isEqualTo("/" + organizationId + "/sharing");
        return SentMessages.code(sent.newest(email), INVITATION_CODE);
    }

    /** Types the code on the invitation page. */
    static HttpResponse<String> enterCode(FormSession browser, String organizationId, String code) throws Exception {
        return browser.submit("/" + organizationId + "/invitation", "code", code);
    }

    static String email() {
        return "helper-" + TestPatients.tag() + "@example.net";
    }

    UUID onlyGrantOf(Patient patient) {
        return jdbc.sql("SELECT id FROM proxy_relationship WHERE patient_id = ?").param(patient.id().value())
                .query(UUID.class).single();
    }
}
