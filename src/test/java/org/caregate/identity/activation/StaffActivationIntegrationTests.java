package org.caregate.identity.activation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SentMessages;
import org.caregate.identity.StaffRole;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class StaffActivationIntegrationTests {

    static final Pattern ACTIVATION_CODE = Pattern.compile("\\b([2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4})\\b");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshHour() {
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void supportPrintsALetterWithTheCodeAndNoHealthDataAndTheIssueIsRecorded() throws Exception {
        Account agent = staff(StaffRole.SUPPORT);
        Patient patient = patients.patient("clinic");
        var browser = signedInStaff(agent);

        var found = browser.submit("/staff/activation", "organization", "clinic",
                "recordNumber", patient.recordNumberAt("clinic").orElseThrow().value().toLowerCase());
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(patient.legalName(), patient.email().charAt(0) + "•••@example.org");
        var letter = browser.post("/staff/activation/issue", "delivery", "LETTER");

        assertThat(letter.statusCode()).isEqualTo(200);
        String code = code(letter.body());
        assertThat(letter.body()).contains(patient.legalName(), "12 River St", "Rochester, MN 55901",
                "/clinic/sign-up", "(507) 738-4013", "Riverbend Clinic");
        // No health data, and nothing to identify the patient beyond the envelope's name and address.
        assertThat(letter.body()).doesNotContain("1961", patient.email(), patient.recordNumbers().getFirst().value(),
                "FEMALE");
        var row = jdbc.sql("SELECT delivery, issued_by_account_id FROM activation_code WHERE patient_id = ?")
                .param(patient.id().value()).query().singleRow();
        assertThat(row.get("delivery")).isEqualTo("LETTER");
        assertThat(row.get("issued_by_account_id")).isEqualTo(agent.id().value());
        assertThat(code).isNotBlank();
    }

    @Test
    void supportEmailsTheCodeToTheAddressOnFile() throws Exception {
        Patient patient = patients.patient("health-system");
        var browser = signedInStaff(staff(StaffRole.SUPPORT));
        browser.submit("/staff/activation", "organization", "health-system",
                "recordNumber", patient.recordNumberAt("health-system").orElseThrow().value());

        var answer = browser.post("/staff/activation/issue", "delivery", "EMAIL");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("We e-mailed the code to").doesNotContain(patient.email());
        assertThat(ACTIVATION_CODE.matcher(answer.body()).find()).isFalse();
        SentMessages.Sent mail = sent.newest(patient.email());
        assertThat(mail.subject()).isEqualTo("Your Riverbend Health System patient portal activation code");
        assertThat(mail.body()).contains("/health-system/sign-up", "(877) 858-0398");
        assertThat(code(mail.body())).isNotBlank();
    }

    @Test
    void theLetterIsInThePatientsLanguageWhileTheAgentsPageStaysInTheirs() throws Exception {
        Account agent = staff(StaffRole.SUPPORT);
        Patient patient = patients.patient("clinic");
        jdbc.sql("UPDATE patient SET preferred_language = 'es' WHERE id = ?").param(patient.id().value()).update();
        var browser = signedInStaff(agent);
        browser.submit("/staff/activation", "organization", "clinic",
                "recordNumber", patient.recordNumberAt("clinic").orElseThrow().value());

        var letter = browser.post("/staff/activation/issue", "delivery", "LETTER");

        assertThat(letter.statusCode()).isEqualTo(200);
        assertThat(letter.body()).contains("Print the letter", "lang=\"es\"", "Su código de activación:",
                "Elija un nombre de usuario y una contraseña.", "Llame a soporte al (507) 738-4013");
        assertThat(letter.body()).doesNotContain("Your activation code:");
    }

    @Test
    void anUnknownRecordNumberIsRefusedWithWhatToCheck() throws Exception {
        var browser = signedInStaff(staff(StaffRole.SUPPORT));

        var answer = browser.submit("/staff/activation", "organization", "clinic", "recordNumber", "NOPE-" + TestPatients.tag());

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("No patient has that Riverbend Clinic number at Riverbend Clinic");
    }

    @Test
    void issuingWithoutFindingAPatientFirstIssuesNothing() throws Exception {
        var browser = signedInStaff(staff(StaffRole.SUPPORT));
        browser.get("/staff/activation");

        assertThat(FormSession.location(browser.post("/staff/activation/issue", "delivery", "LETTER")))
                .isEqualTo("/staff/activation");
    }

    @Test
    void theActivationPagesNeedTheSupportRole() throws Exception {
        Account patientAccount = patients.patientWithAccount("clinic");
        var patient = new FormSession(port);
        patient.signIn("clinic", patientAccount.username(), TestPatients.PASSWORD);
        var careTeam = signedInStaff(staff(StaffRole.CARE_TEAM));
        var stranger = new FormSession(port);

        assertThat(patient.get("/staff/activation").statusCode()).isEqualTo(403);
        assertThat(careTeam.get("/staff/activation").statusCode()).isEqualTo(403);
        assertThat(careTeam.post("/staff/activation/issue", "delivery", "LETTER").statusCode()).isEqualTo(403);
        var refused = stranger.get("/staff/activation");
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(refused)).isEqualTo("/staff/sign-in");
    }

    private Account staff(StaffRole role) {
        return accounts.openStaffAccount("st" + TestPatients.tag(), "staff-" + TestPatients.tag() + "@caregate.example",
                Set.of(role), TestPatients.PASSWORD);
    }

    private FormSession signedInStaff(Account staff) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.submit("/staff/sign-in", "username", staff.username(), "password", TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).isEqualTo("/staff?signed-in");
        return browser;
    }

    private static String code(String text) {
        Matcher matcher = ACTIVATION_CODE.matcher(text);
        assertThat(matcher.find()).as("an activation code").isTrue();
        return matcher.group(1);
    }
}
