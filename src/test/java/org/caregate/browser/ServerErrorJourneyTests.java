package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** When something breaks on our side, the patient gets plain words and a number to give support. */
class ServerErrorJourneyTests extends BrowserJourney {

    @Test
    void aServerErrorShowsPlainWordsAndAReferenceNumber() {
        visit("/test/broken", 500);
        checkPage("server-error");

        assertThat(byRole(AriaRole.HEADING, "Something went wrong on our side")).isVisible();
        assertThat(page.locator(".reference")).hasText(Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}"));
        assertThat(page.locator("body")).not().containsText("Exception");
        byRole(AriaRole.LINK, "Go to the start page").click();
        assertThat(byRole(AriaRole.HEADING, "Where do you get care?")).isVisible();
        checkPage("landing");
    }

    @TestConfiguration
    @Import(BrokenPage.class)
    static class WithBrokenPage {
        @org.springframework.context.annotation.Bean
        org.caregate.platform.PublicPaths testPages() {
            return org.caregate.platform.PublicPaths.of("/test/**");
        }
    }

    @TestComponent
    @RestController
    static class BrokenPage {
        @GetMapping("/test/broken")
        String broken() {
            throw new IllegalStateException("simulated failure");
        }
    }
}
