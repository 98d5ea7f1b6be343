package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Set;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A patient signs in at their organisation's page, mistypes once, gets in, and signs out. */
class SignInJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Test
    void aPatientMistypesTheirPasswordThenSignsInAndOut() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("not my password at all");
        expectRefusal("/clinic/sign-in");
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("wrong-password");
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("do not match our records");
        assertThat(byRole(AriaRole.TEXTBOX, "Username or e-mail address")).hasValue(account.username());

        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("home");
        assertThat(page).hasURL(Pattern.compile("/clinic/home$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1)))
                .containsText("Welcome, Ana");

        byRole(AriaRole.LINK, "Recent sign-ins to your account").click();
        checkPage("sign-in-history");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Wrong password");
        assertThat(page.getByRole(AriaRole.TABLE)).containsText("Signed in");

        byRole(AriaRole.BUTTON, "Sign out").click();
        checkPage("signed-out");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in\\?signed-out$"));
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("You have signed out");
    }

    @Test
    void aPatientOnTheOtherOrganisationsPageIsTakenToTheirOwnPortal() {
        Account account = patients.patientWithAccount("health-system");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.email());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();

        checkPage("moved-to-own-portal");
        assertThat(page).hasURL(Pattern.compile("/health-system/home$"));
        assertThat(byRole(AriaRole.HEADING, "We brought you to your own portal")).isVisible();
    }

    @Test
    void staffSignInOnTheirOwnPage() {
        String name = "st" + (100_000 + Math.floorMod(TestPatients.tag().hashCode(), 800_000));
        accounts.openStaffAccount(name, name + "@staff.example", Set.of(StaffRole.SUPPORT, StaffRole.BILLING),
                TestPatients.PASSWORD);
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(name);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("anything");
        expectRefusal("/clinic/sign-in");
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("staff-name-on-patient-page");
        byRole(page.getByRole(AriaRole.ALERT), AriaRole.LINK, "Go to the staff sign-in page").click();

        checkPage("staff-sign-in");
        byRole(AriaRole.TEXTBOX, "Network ID").fill(name);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();
        checkPage("staff-home");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Portal support");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Billing");
    }
}
