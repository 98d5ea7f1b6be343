package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;

/** A patient who is not sure which portal is theirs finds it from the landing page. */
class ChoosePortalJourneyTests extends BrowserJourney {

    private static final Portal CLINIC = new Portal(
            "/clinic/sign-in", "Riverbend Clinic", "/org/clinic/logo.svg", "(507) 738-4013", "tel:+15077384013");
    private static final Portal HEALTH_SYSTEM = new Portal(
            "/health-system/sign-in", "Riverbend Health System", "/org/health-system/logo.svg", "(877) 858-0398",
            "tel:+18778580398");

    @Test
    void thePapersGuideLeadsToEachOrganisationsSignInPage() {
        visit("/");
        checkPage("landing");
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
        Locator guide = byRole(AriaRole.TABLE, "Which portal to use");
        assertThat(guide.getByRole(AriaRole.ROWHEADER)).hasText(new String[] {
            "Riverbend Clinic", "Riverbend Health System", "You are not sure"});

        byRole(guide, AriaRole.LINK, "Riverbend Clinic patient portal").click();
        checkPage("clinic-sign-in");
        showsSignInPageOf(CLINIC);

        byRole(byRole(AriaRole.NAVIGATION, "Main"), AriaRole.LINK, "Where do you get care?").click();
        checkPage("landing");
        byRole(guide, AriaRole.LINK, "Riverbend Health System patient portal").click();
        checkPage("health-system-sign-in");
        showsSignInPageOf(HEALTH_SYSTEM);
    }

    @Test
    void wrongPortalLinksGoToTheOtherOrganisation() {
        visit(CLINIC.path());
        checkPage("clinic-sign-in");
        assertThat(byRole(AriaRole.HEADING, "Wrong portal?")).isVisible();

        byRole(AriaRole.LINK, "go to the Riverbend Health System portal").click();
        checkPage("health-system-sign-in");
        showsSignInPageOf(HEALTH_SYSTEM);

        byRole(AriaRole.LINK, "go to the Riverbend Clinic portal").click();
        checkPage("clinic-sign-in");
        showsSignInPageOf(CLINIC);

        byRole(AriaRole.LINK, "Help me choose the right portal").click();
        checkPage("landing");
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
    }

    private void showsSignInPageOf(Portal portal) {
        assertThat(page).hasURL(baseUrl() + portal.path());
        assertThat(byRole(AriaRole.HEADING, "Sign in to " + portal.name())).isVisible();

        Locator brand = byRole(page.getByRole(AriaRole.BANNER), AriaRole.LINK, portal.name());
        assertThat(brand).isVisible();
        Locator logo = brand.locator("img");
        assertThat(logo).hasAttribute("src", portal.logo());
        assertThat(logo.evaluate("img => img.complete && img.naturalWidth > 0"))
                .as("%s logo loaded", portal.name()).isEqualTo(true);

        Locator supportLine = byRole(page.getByRole(AriaRole.CONTENTINFO), AriaRole.LINK, portal.phone());
        assertThat(supportLine).isVisible();
        assertThat(supportLine).hasAttribute("href", portal.phoneLink());
    }

    private record Portal(String path, String name, String logo, String phone, String phoneLink) {
    }
}
