package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A Spanish speaker switches the portal to Spanish once and keeps it on every page, until they switch back. */
class LanguageJourneyTests extends BrowserJourney {

    @Test
    void spanishIsRememberedOnTheNextPageAndEnglishComesBack() {
        visit("/");
        checkPage("landing");
        assertThat(page.locator("html")).hasAttribute("lang", "en");

        byRole(byRole(AriaRole.NAVIGATION, "Language"), AriaRole.LINK, "Español").click();
        checkPage("landing-es");
        assertThat(page.locator("html")).hasAttribute("lang", "es");
        assertThat(byRole(AriaRole.HEADING, "¿Dónde recibe atención?")).isVisible();
        assertThat(languageCookie()).isEqualTo("es");

        byRole(byRole(AriaRole.TABLE, "Qué portal usar"), AriaRole.LINK, "Portal del paciente de Riverbend Clinic")
                .click();
        checkPage("clinic-sign-in-es");
        assertThat(page).hasURL(Pattern.compile("/clinic/sign-in$"));
        assertThat(page.locator("html")).hasAttribute("lang", "es");
        assertThat(byRole(AriaRole.HEADING, "Iniciar sesión en Riverbend Clinic")).isVisible();
        assertThat(page.getByRole(AriaRole.CONTENTINFO)).containsText("¿Necesita ayuda con el portal?");

        byRole(byRole(AriaRole.NAVIGATION, "Idioma"), AriaRole.LINK, "English").click();
        checkPage("clinic-sign-in");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(byRole(AriaRole.HEADING, "Sign in to Riverbend Clinic")).isVisible();
        assertThat(languageCookie()).isEqualTo("en");

        byRole(AriaRole.LINK, "Help me choose the right portal").click();
        checkPage("landing");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
    }

    private String languageCookie() {
        return context().cookies().stream()
                .filter(cookie -> cookie.name.equals("caregate-lang"))
                .map(cookie -> cookie.value)
                .findFirst()
                .orElse("(no caregate-lang cookie)");
    }
}
