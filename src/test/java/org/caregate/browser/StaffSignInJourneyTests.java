package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Staff who land on the patient portal find their own sign-in page; a patient who lands there is sent back. */
class StaffSignInJourneyTests extends BrowserJourney {

    @Test
    void staffFindTheirPageAndPatientsAreSentBack() {
        visit("/");
        checkPage("landing");
        assertThat(byRole(AriaRole.HEADING, "Staff sign in somewhere else")).isVisible();

        byRole(AriaRole.LINK, "Go to the staff sign-in page").click();
        checkPage("staff-sign-in");
        assertThat(page).hasURL(Pattern.compile("/staff/sign-in$"));
        assertThat(byRole(AriaRole.HEADING, "Staff sign-in")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Are you a patient?");

        byRole(AriaRole.LINK, "Go to the patient portal").click();
        checkPage("landing");
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
    }

    @Test
    void everyPatientPageFooterLinksToTheStaffPage() {
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        byRole(page.getByRole(AriaRole.CONTENTINFO), AriaRole.LINK, "Staff sign in on a different page").click();
        checkPage("staff-sign-in");
        assertThat(byRole(AriaRole.HEADING, "Staff sign-in")).isVisible();
    }
}
