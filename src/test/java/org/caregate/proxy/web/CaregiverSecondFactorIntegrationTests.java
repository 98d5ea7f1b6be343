package org.caregate.proxy.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.caregate.proxy.CareGrants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A caregiver's account made on the spot meets its organisation's second-factor rules at its first
 * sign-in, as anyone's does: the clinic requires one, so the password leads to setting one up. (The
 * same set-up as the second-factor tests, so they share one Spring context.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "caregate.mfa.required-from.clinic=2026-01-01", "caregate.mfa.required-from.health-system=2027-03-31"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class CaregiverSecondFactorIntegrationTests {

    static final String PASSWORD = "lantern-quiet-harbor-77";

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    CareGrants grants;

    @Autowired
    AccountManagement accounts;

    @Test
    void aNewCaregiverAccountMustSetUpASecondFactorWhereTheOrganisationRequiresOne() throws Exception {
        Patient ana = patients.patient("clinic");
        Account anasAccount = patients.account(ana, "u-" + TestPatients.tag());
        var invitation = grants.invite(anasAccount.id(), ana.id(), "clinic", "Maria", "m-" + TestPatients.tag()
                + "@example.net", "spouse", CareGrants.Terms.fullAccess(null));
        var browser = new FormSession(port);
        browser.submit("/clinic/invitation", "code", invitation.code());
        String username = "maria-" + TestPatients.tag();

        var opened = browser.submit("/clinic/invitation/account", "username", username, "password", PASSWORD);
        assertThat(FormSession.location(opened)).isEqualTo("/clinic/sign-in");
        var signIn = browser.signIn("clinic", username, PASSWORD);

        assertThat(FormSession.location(signIn)).isEqualTo("/clinic/sign-in/step/set-up?signed-in");
        // Nothing of the portal before the second factor is set up.
        assertThat(browser.get("/clinic/home").statusCode()).isNotEqualTo(200);
        assertThat(browser.get("/clinic/sign-in/step/set-up").statusCode()).isEqualTo(200);
        assertThat(grants.heldBy(accounts.findForRecovery(username).getFirst().id(), "clinic")).hasSize(1);
    }
}
