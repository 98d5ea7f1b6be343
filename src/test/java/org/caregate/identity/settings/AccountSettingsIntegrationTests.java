package org.caregate.identity.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ContactsOnFile;
import org.caregate.identity.NoticeChannels;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
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
class AccountSettingsIntegrationTests {

    static final String NEW_PASSWORD = "willow-harbour-pepper-58";

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
    void freshHourOfRequests() {
        clock.advance(Duration.ofHours(2));
        sent = new SentMessages(port, jdbc);
    }

    @Test
    void strangersAreSentToSignInAndTheOtherOrganisationsPatientsToTheirOwnPortal() throws Exception {
        assertThat(FormSession.location(new FormSession(port).get("/clinic/account"))).isEqualTo("/clinic/sign-in");
        assertThat(FormSession.location(new FormSession(port).get("/clinic/account/password"))).isEqualTo("/clinic/sign-in");

        Account other = patients.patientWithAccount("health-system");
        var browser = signedIn(other, "health-system");
        assertThat(FormSession.location(browser.get("/clinic/account"))).isEqualTo("/health-system/home");
        assertThat(FormSession.location(browser.get("/clinic/account/email"))).isEqualTo("/health-system/home");
    }

    @Test
    void theSettingsPageShowsTheContactsOnFileAndLinksToSignIns() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        var page = signedIn(account, "clinic").get("/clinic/account");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(account.username(), account.email(), "(mobile)", "By e-mail and text message",
                "href=\"/clinic/account/sign-ins\"", "href=\"/clinic/account/password\"");
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndTriesAreLimitedPerSession() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = signedIn(account, "clinic");

        var wrong = browser.submit("/clinic/account/password", "current", "not my password", "password", NEW_PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("Your current password is not right");
        for (int i = 0; i < 4; i++) {
            browser.submit("/clinic/account/password", "current", "not my password", "password", NEW_PASSWORD);
        }

        var right = browser.submit("/clinic/account/password", "current", TestPatients.PASSWORD, "password", NEW_PASSWORD);
        assertThat(right.statusCode()).isEqualTo(422);
        assertThat(right.body()).contains("typed wrong too many times");
        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(302);
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndTellsTheOwner() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = signedIn(account, "clinic");

        var weak = browser.submit("/clinic/account/password", "current", TestPatients.PASSWORD, "password", "short");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("Use at least 12 characters");

        var changed = browser.submit("/clinic/account/password", "current", TestPatients.PASSWORD, "password", NEW_PASSWORD);
        assertThat(FormSession.location(changed)).isEqualTo("/clinic/account");
        assertThat(browser.get("/clinic/account").body()).contains("Your password is changed");
        assertThat(new FormSession(port).signIn("clinic", account.username(), NEW_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(422);
        // The sign-ins from new browsers above also brought "new sign-in" e-mails.
        assertThat(sent.newest(account.email(), "Your Riverbend Clinic password was changed").body())
                .contains("(507) 738-4013");
        assertThat(sent.newest(account.phone()).body()).contains("password was just changed", "(507) 738-4013");
    }

    @Test
    void aNewEmailAddressIsUsedOnlyOnceItsCodeIsTypedAndTheOldAddressIsTold() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String newEmail = "new-" + TestPatients.tag() + "@example.net";
        var browser = signedIn(account, "clinic");

        var asked = browser.submit("/clinic/account/email", "email", newEmail);
        assertThat(FormSession.location(asked)).isEqualTo("/clinic/account/email/confirm");
        assertThat(accounts.find(account.id()).orElseThrow().email()).isEqualTo(account.email());
        String code = SentMessages.code(sent.newest(newEmail), SentMessages.SIX_DIGITS);

        var wrong = browser.submit("/clinic/account/email/confirm", "code", code.equals("000000") ? "111111" : "000000");
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).contains("You have 4 more tries");
        assertThat(accounts.find(account.id()).orElseThrow().email()).isEqualTo(account.email());

        var right = browser.submit("/clinic/account/email/confirm", "code", code);
        assertThat(FormSession.location(right)).isEqualTo("/clinic/account");
        assertThat(accounts.find(account.id()).orElseThrow().email()).isEqualTo(newEmail);
        SentMessages.Sent toOld = sent.newest(account.email());
        assertThat(toOld.subject()).isEqualTo("Your Riverbend Clinic e-mail address was changed");
        assertThat(toOld.body()).contains("call support at (507) 738-4013");
    }

    @Test
    void aConfirmationCodeTypedInAnotherSessionIsRefused() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String newEmail = "new-" + TestPatients.tag() + "@example.net";
        signedIn(account, "clinic").submit("/clinic/account/email", "email", newEmail);
        String code = SentMessages.code(sent.newest(newEmail), SentMessages.SIX_DIGITS);

        var other = signedIn(account, "clinic");
        other.get("/clinic/account");
        var answer = other.post("/clinic/account/email/confirm", "code", code);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(accounts.find(account.id()).orElseThrow().email()).isEqualTo(account.email());
    }

    @Test
    void aNewMobileIsConfirmedByTextAndTheOldNumberIsTold() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String mobile = "+34622" + "%06d".formatted(Math.floorMod(TestPatients.tag().hashCode(), 1_000_000));
        var browser = signedIn(account, "clinic");

        browser.submit("/clinic/account/phone", "phone", mobile, "kind", "MOBILE");
        SentMessages.Sent text = sent.newest(mobile);
        assertThat(text.channel()).isEqualTo("SMS");
        var confirmed = browser.submit("/clinic/account/phone/confirm", "code", SentMessages.code(text, SentMessages.SIX_DIGITS));

        assertThat(FormSession.location(confirmed)).isEqualTo("/clinic/account");
        ContactsOnFile contacts = accounts.contactsOnFile(account.id());
        assertThat(contacts.phone().e164()).isEqualTo(mobile);
        assertThat(contacts.phone().kind()).isEqualTo(PhoneKind.MOBILE);
        assertThat(sent.newest(account.phone()).body()).contains("phone number of your patient portal account was just changed");
    }

    @Test
    void aNewLandlineIsConfirmedByACallThatReadsTheCode() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String landline = "+4420794600" + "%02d".formatted(Math.floorMod(TestPatients.tag().hashCode(), 100));
        var browser = signedIn(account, "clinic");

        var asked = browser.submit("/clinic/account/phone", "phone", landline, "kind", "LANDLINE");
        assertThat(FormSession.location(asked)).isEqualTo("/clinic/account/phone/confirm");
        List<SentMessages.Sent> calls = sent.delivered(landline, 1);
        SentMessages.Sent call = calls.getFirst();
        assertThat(call.channel()).isEqualTo("VOICE");
        String code = SentMessages.code(new SentMessages.Sent(call.channel(), call.to(), call.subject(),
                call.body().replace(", ", ""), null), SentMessages.SIX_DIGITS);
        browser.submit("/clinic/account/phone/confirm", "code", code);

        ContactsOnFile contacts = accounts.contactsOnFile(account.id());
        assertThat(contacts.phone().e164()).isEqualTo(landline);
        assertThat(contacts.phone().kind()).isEqualTo(PhoneKind.LANDLINE);
    }

    @Test
    void aLandlineIsRefusedAsAMobile() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        var answer = signedIn(account, "clinic").submit("/clinic/account/phone", "phone", "+442079460123", "kind", "MOBILE");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("That is not a mobile number we can send texts to");
    }

    @Test
    void contactPreferencesAreSaved() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = signedIn(account, "clinic");

        var saved = browser.submit("/clinic/account/preferences", "channels", "EMAIL", "language", "es");

        assertThat(FormSession.location(saved)).isEqualTo("/clinic/account");
        ContactsOnFile contacts = accounts.contactsOnFile(account.id());
        assertThat(contacts.preferences().channels()).isEqualTo(NoticeChannels.EMAIL);
        assertThat(contacts.preferences().language()).isEqualTo("es");
        assertThat(browser.get("/clinic/account").body()).contains("Your choices are saved", "By e-mail", "Español");
    }

    @Test
    void textMessagesCannotBeChosenWithoutAMobile() throws Exception {
        var patient = patients.patient("clinic", PhoneKind.LANDLINE);
        Account account = patients.account(patient, "ll-" + TestPatients.tag());

        var answer = signedIn(account, "clinic").submit("/clinic/account/preferences", "channels", "TEXT", "language", "en");

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("There is no mobile phone on your account");
        assertThat(accounts.contactsOnFile(account.id()).preferences().channels()).isEqualTo(NoticeChannels.BOTH);
    }

    private FormSession signedIn(Account account, String organizationId) throws Exception {
        var browser = new FormSession(port);
        assertThat(browser.signIn(organizationId, account.username(), TestPatients.PASSWORD).statusCode()).isEqualTo(302);
        return browser;
    }
}
