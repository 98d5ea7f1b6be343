package org.caregate.proxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.SentMessages;
import org.junit.jupiter.api.Test;

/** A patient invites someone by e-mail; the invitee accepts with the code, signed in or with a new account. */
class InvitationIntegrationTests extends CaregiverPagesTest {

    @Test
    void aRefusedInvitationFormStoresNothingAndSendsNothing() throws Exception {
        Person ana = person("clinic");
        FormSession browser = signedIn(ana.account(), "clinic");
        String email = email();
        String[][] mistakes = {
                {"name", "", "email", email, "relationship", "spouse", "scope", "full"},
                {"name", "Maria", "email", "not-an-address", "relationship", "spouse", "scope", "full"},
                {"name", "Maria", "email", email, "relationship", "boss", "scope", "full"},
                {"name", "Maria", "email", email, "relationship", "spouse", "scope", ""},
                {"name", "Maria", "email", email, "relationship", "spouse", "scope", "limited"},
                {"name", "Maria", "email", email, "relationship", "spouse", "scope", "full", "endsOn", "2020-01-01"},
                {"name", "Maria", "email", email, "relationship", "spouse", "scope", "full", "endsOn", "someday"},
        };
        String[] fields = {"name", "email", "relationship-spouse", "scope-full", "area-RESULTS-read", "endsOn", "endsOn"};
        for (int i = 0; i < mistakes.length; i++) {
            var answer = browser.submit("/clinic/sharing/invite", mistakes[i]);
            assertThat(answer.statusCode()).as("mistake %d", i).isEqualTo(422);
            assertThat(answer.body()).as("mistake %d", i).contains("There is a problem", "href=\"#" + fields[i] + "\"");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM proxy_relationship WHERE patient_id = ?")
                .param(ana.patient().id().value()).query(Long.class).single()).isZero();
        assertThat(sent.queuedTo(email)).isZero();
    }

    @Test
    void theInvitationEmailHoldsTheCodeAndTheAddressButNotThePatientOrTheirHealth() throws Exception {
        Person ana = person("clinic");
        FormSession browser = signedIn(ana.account(), "clinic");
        String email = email();

        String code = invite(browser, "clinic", "Maria Lopez", email, "scope", "limited", "area-RESULTS", "read");

        SentMessages.Sent mail = sent.newest(email);
        assertThat(mail.subject()).isEqualTo("Invitation to help with someone's care at Riverbend Clinic");
        assertThat(mail.body()).contains("Someone who gets care at Riverbend Clinic has invited you to help with their care",
                "/clinic/invitation\n", code, "14 days", "Hola, Maria Lopez")
                .doesNotContain(ana.patient().givenNames(), ana.patient().familyName(),
                        ana.patient().recordNumbers().getFirst().value(), "result", "Test results");
        // The address is the plain page: the code is typed there, never carried in a link.
        assertThat(mail.body().lines().filter(l -> l.contains("http")).toList())
                .allSatisfy(line -> assertThat(line).doesNotContain(code, code.replace("-", "")).endsWith("/clinic/invitation"));
        assertThat(jdbc.sql("SELECT string_agg(r::text, ' ') FROM proxy_relationship r WHERE patient_id = ?")
                .param(ana.patient().id().value()).query(String.class).single())
                .doesNotContain(code.replace("-", ""));
        assertThat(browser.get("/clinic/sharing").body()).contains("We sent an invitation to Maria Lopez",
                "Invited: waiting for them to accept", "Test results: see only");
    }

    @Test
    void aSignedInPersonAcceptsOnceAndTheSwitcherListsThePatient() throws Exception {
        Person ana = person("clinic");
        Person maria = person("clinic");
        String code = invite(signedIn(ana.account(), "clinic"), "clinic", "Maria", email(), "scope", "full");
        FormSession helper = signedIn(maria.account(), "clinic");

        // Typing is forgiving: small letters, spaces.
        var entered = enterCode(helper, "clinic", code.toLowerCase().replace("-", " "));
        assertThat(FormSession.location(entered)).isEqualTo("/clinic/invitation");
        String shown = helper.get("/clinic/invitation").body();
        String initial = ana.patient().familyName().substring(0, 1) + ".";
        assertThat(shown).contains(ana.patient().givenNames() + " " + initial + " invited you", "Adult child",
                "Accept the invitation").doesNotContain(ana.patient().familyName());
        var accepted = helper.post("/clinic/invitation/accept");

        assertThat(FormSession.location(accepted)).isEqualTo("/clinic/home");
        String home = helper.get("/clinic/home").body();
        assertThat(home).contains("You now help", "viewing-patient", ana.patient().id().value().toString());
        assertThat(helper.get("/clinic/sharing").body()).contains("People you help",
                ana.patient().givenNames() + " " + ana.patient().familyName());
        // The code worked once.
        FormSession other = new FormSession(port);
        assertThat(enterCode(other, "clinic", code).statusCode()).isEqualTo(422);
    }

    @Test
    void aPatientCannotAcceptAnInvitationToTheirOwnRecord() throws Exception {
        Person ana = person("clinic");
        FormSession browser = signedIn(ana.account(), "clinic");
        String code = invite(browser, "clinic", "Me", email(), "scope", "full");

        enterCode(browser, "clinic", code);
        var refused = browser.post("/clinic/invitation/accept");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("your own record");
        assertThat(jdbc.sql("SELECT accepted_at IS NULL FROM proxy_relationship WHERE patient_id = ?")
                .param(ana.patient().id().value()).query(Boolean.class).single()).isTrue();
    }

    @Test
    void wrongCodesGetOneAnswerAndFiveTriesPerSession() throws Exception {
        Person ana = person("clinic");
        String code = invite(signedIn(ana.account(), "clinic"), "clinic", "Maria", email(), "scope", "full");
        FormSession stranger = new FormSession(port);

        for (int i = 1; i <= 4; i++) {
            var wrong = enterCode(stranger, "clinic", "ABCD-EFGH-JKL" + (i + 1));
            assertThat(wrong.statusCode()).isEqualTo(422);
            assertThat(wrong.body()).contains("This code does not work");
        }
        var fifth = enterCode(stranger, "clinic", "short");
        assertThat(fifth.body()).contains("too many wrong codes");
        var right = enterCode(stranger, "clinic", code);

        assertThat(right.statusCode()).isEqualTo(429);
        assertThat(right.body()).contains("too many wrong codes").doesNotContain("invited you to help");
        // Another organisation's page does not take the clinic's code.
        assertThat(enterCode(new FormSession(port), "health-system", code).statusCode()).isEqualTo(422);
    }

    @Test
    void anExpiredInvitationCodeIsRefused() throws Exception {
        Person ana = person("clinic");
        String code = invite(signedIn(ana.account(), "clinic"), "clinic", "Maria", email(), "scope", "full");

        clock.advance(Duration.ofDays(14).plusMinutes(1));
        var answer = enterCode(new FormSession(port), "clinic", code);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("This code does not work");
        assertThat(signedIn(ana.account(), "clinic").get("/clinic/sharing").body())
                .contains("Invitation expired: not accepted in time").doesNotContain("Cancel the invitation");
    }

    @Test
    void aCancelledInvitationStopsWorkingEvenInABrowserThatTypedItsCode() throws Exception {
        Person ana = person("clinic");
        Person maria = person("clinic");
        FormSession patient = signedIn(ana.account(), "clinic");
        String code = invite(patient, "clinic", "Maria", email(), "scope", "full");
        FormSession helper = signedIn(maria.account(), "clinic");
        enterCode(helper, "clinic", code);

        var id = onlyGrantOf(ana.patient());
        assertThat(patient.get("/clinic/sharing/" + id + "/remove").body()).contains("Cancel the invitation to Maria now");
        var cancelled = patient.post("/clinic/sharing/" + id + "/remove");
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(302);
        assertThat(FormSession.location(cancelled)).isEqualTo("/clinic/sharing");

        assertThat(FormSession.location(helper.post("/clinic/invitation/accept"))).isEqualTo("/clinic/invitation");
        assertThat(enterCode(new FormSession(port), "clinic", code).statusCode()).isEqualTo(422);
        assertThat(grants.find(id).orElseThrow().accepted()).isFalse();
        assertThat(patient.get("/clinic/sharing").body()).contains("Removed");
    }

    @Test
    void someoneSignedOutSignsInAndIsBroughtBackToTheInvitation() throws Exception {
        Person ana = person("clinic");
        Person maria = person("clinic");
        String code = invite(signedIn(ana.account(), "clinic"), "clinic", "Maria", email(), "scope", "full");
        FormSession helper = new FormSession(port);

        enterCode(helper, "clinic", code);
        assertThat(helper.get("/clinic/invitation").body()).contains("Sign in to accept", "Create an account")
                .doesNotContain("Accept the invitation");
        var signedIn = helper.signIn("clinic", maria.account().username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(signedIn)).isEqualTo("/clinic/home?signed-in");
        String home = helper.get("/clinic/home").body();
        assertThat(home).contains("You have an invitation to help someone", "href=\"/clinic/invitation\"");
        assertThat(helper.get("/clinic/invitation").body()).contains("Accept the invitation");
        assertThat(FormSession.location(helper.post("/clinic/invitation/accept"))).isEqualTo("/clinic/home");

        assertThat(helper.get("/clinic/home").body()).doesNotContain("You have an invitation to help someone");
        assertThat(grants.heldBy(maria.account().id(), "clinic")).hasSize(1);
    }

    @Test
    void aNewAccountOnTheSpotAcceptsTheInvitationAndSignsIn() throws Exception {
        Person ana = person("clinic");
        String email = email();
        String code = invite(signedIn(ana.account(), "clinic"), "clinic", "Maria", email, "scope", "limited",
                "area-RESULTS", "read");
        FormSession helper = new FormSession(port);
        enterCode(helper, "clinic", code);
        assertThat(helper.get("/clinic/invitation/account").body()).contains(email);
        String username = "maria-" + TestPatients.tag();

        var weak = helper.post("/clinic/invitation/account", "username", username, "password", "password123");
        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("Choose a different password");
        var taken = helper.post("/clinic/invitation/account", "username", ana.account().username(), "password",
                "lantern-quiet-harbor-77");
        assertThat(taken.statusCode()).isEqualTo(422);
        assertThat(taken.body()).contains("This username is taken");
        assertThat(accounts.usernameAvailable(username)).isTrue();

        var opened = helper.post("/clinic/invitation/account", "username", username, "password", "lantern-quiet-harbor-77");
        assertThat(FormSession.location(opened)).isEqualTo("/clinic/sign-in");
        assertThat(helper.get("/clinic/sign-in").body()).contains("Your account is ready and the invitation is accepted",
                username);
        Account account = accounts.findForRecovery(username).getFirst();
        assertThat(account.patientId()).isNull();
        assertThat(account.email()).isEqualTo(email);
        assertThat(accounts.organizationsOf(account)).containsExactly("clinic");

        var signedIn = helper.signIn("clinic", username, "lantern-quiet-harbor-77");
        assertThat(FormSession.location(signedIn)).isEqualTo("/clinic/home?signed-in");
        String home = helper.get("/clinic/home").body();
        assertThat(home).contains("Welcome", username, "Viewing:", ana.patient().givenNames());
        assertThat(helper.get("/clinic/results").statusCode()).isEqualTo(200);
        assertThat(helper.get("/clinic/medications").statusCode()).isEqualTo(403);
        String sharing = helper.get("/clinic/sharing").body();
        assertThat(sharing).contains("People you help", "Stop helping").doesNotContain("Invite someone");
        assertThat(helper.get("/clinic/sharing/invite").statusCode()).isEqualTo(404);
        // The same code cannot open a second account.
        assertThat(enterCode(new FormSession(port), "clinic", code).statusCode()).isEqualTo(422);
    }
}
