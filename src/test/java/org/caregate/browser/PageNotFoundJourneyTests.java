package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Someone who mistypes an address gets a plain page that leads back to the start, never a stack trace. */
class PageNotFoundJourneyTests extends BrowserJourney {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/no-such-page, not-found",
        "/clinic/sign-on, not-found-mistyped",
        "/nowhere/sign-in, not-found-unknown-organisation"
    })
    void anUnknownAddressShowsThePlainNotFoundPage(String address, String name) {
        visit(address, 404);
        checkPage(name);
        assertThat(byRole(AriaRole.HEADING, "We can't find that page")).isVisible();
        assertThat(page.locator("body")).not().containsText(Pattern.compile(
                "Exception|at org\\.|Whitelabel|stack ?trace|\"status\"", Pattern.CASE_INSENSITIVE));

        byRole(page.getByRole(AriaRole.MAIN), AriaRole.LINK, "Go to the start page").click();
        checkPage("landing");
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
    }

    @Test
    void theNotFoundPageSpeaksSpanishToo() {
        visit("/?lang=es");
        checkPage("landing-es");

        visit("/no-such-page", 404);
        checkPage("not-found-es");
        assertThat(byRole(AriaRole.HEADING, "No encontramos esa página")).isVisible();
        assertThat(byRole(AriaRole.LINK, "Ir a la página de inicio")).isVisible();
    }
}
