package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A keyboard or switch user jumps past the header to the page's content with the first key press. */
class SkipLinkJourneyTests extends BrowserJourney {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/, landing",
        "/clinic/sign-in, clinic-sign-in",
        "/staff/sign-in, staff-sign-in"
    })
    void theFirstTabOffersToSkipToTheMainContent(String address, String name) {
        visit(address);
        checkPage(name);

        page.keyboard().press("Tab");
        Locator skip = byRole(AriaRole.LINK, "Skip to main content");
        assertThat(skip).isFocused();
        assertThat(skip).isInViewport();

        page.keyboard().press("Enter");
        assertThat(page).hasURL(Pattern.compile("#main$"));
        Locator main = page.getByRole(AriaRole.MAIN);
        assertThat(main).isFocused();
        assertThat(main).isInViewport();

        page.keyboard().press("Tab");
        assertThat(main.locator(":focus")).hasCount(1);
    }
}
