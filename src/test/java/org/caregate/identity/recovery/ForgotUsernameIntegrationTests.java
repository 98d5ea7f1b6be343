package org.caregate.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.caregate.patient.PhoneKind;
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
class ForgotUsernameIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshHourOfRequests() {
        clock.advance(Duration.ofHours(2));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void theUsernameIsEmailedWithTheSignInAddress() throws Exception {
        Account account = patients.patientWithAccount("health-system");

        var answer = new FormSession(port).submit("/clinic/forgot-username", "contact", account.email().toUpperCase());

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/forgot-username?sent");
        SentMessages.Sent mail = sent.newest(account.email());
        assertThat(mail.subject()).isEqualTo("Your Riverbend Clinic username");
        assertThat(mail.body()).contains("- " + account.username() + " - ", "/health-system/sign-in");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNothingIsSent() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String unknown = "nobody-" + TestPatients.tag() + "@example.org";
        var knownBrowser = new FormSession(port);
        var unknownBrowser = new FormSession(port);

        var known = knownBrowser.submit("/clinic/forgot-username", "contact", account.email());
        var stranger = unknownBrowser.submit("/clinic/forgot-username", "contact", unknown);

        assertThat(known.statusCode()).isEqualTo(stranger.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(known)).isEqualTo(FormSession.location(stranger));
        String knownPage = knownBrowser.get(FormSession.location(known)).body();
        String strangerPage = unknownBrowser.get(FormSession.location(stranger)).body();
        assertThat(knownPage.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""))
                .isEqualTo(strangerPage.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", ""))
                .contains("If an account uses that e-mail address or phone number, we have sent its username there.");
        assertThat(sent.queuedTo(unknown)).isZero();
        assertThat(sent.queuedTo(account.email())).isEqualTo(1);
    }

    @Test
    void aMobileNumberGetsTheUsernameByText() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        new FormSession(port).submit("/clinic/forgot-username", "contact", account.phone());

        SentMessages.Sent text = sent.newest(account.phone());
        assertThat(text.channel()).isEqualTo("SMS");
        assertThat(text.body()).contains(account.username());
    }

    @Test
    void aLandlineGetsACallThatSpellsTheUsername() throws Exception {
        Patient patient = patients.patient("clinic", PhoneKind.LANDLINE);
        Account account = patients.account(patient, "ln-" + TestPatients.tag().substring(0, 6));
        String number = patient.phones().getFirst().e164();

        new FormSession(port).submit("/clinic/forgot-username", "contact", patient.phones().getFirst().display());

        SentMessages.Sent call = sent.newest(number);
        assertThat(call.channel()).isEqualTo("VOICE");
        assertThat(call.body()).contains(String.join(", ", account.username().split("")));
    }

    @Test
    void somethingThatIsNeitherAnAddressNorANumberIsRefusedWithWhatToDo() throws Exception {
        var answer = new FormSession(port).submit("/clinic/forgot-username", "contact", "ana@");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("That is not a complete e-mail address");
        assertThat(new FormSession(port).submit("/clinic/forgot-username", "contact", "12").body())
                .contains("That is not a phone number we can use");
    }
}
