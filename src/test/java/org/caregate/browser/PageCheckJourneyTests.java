package org.caregate.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.Route;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The page check itself refuses what it is there to catch. The probe pages are served by the
 * browser under the portal's address and CSP, so they never reach the portal.
 */
class PageCheckJourneyTests extends BrowserJourney {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:";

    @BeforeEach
    void serveProbePages() {
        page.route(baseUrl() + "/probe/**", route -> {
            String probe = route.request().url().replaceFirst(".*/probe/", "");
            route.fulfill(new Route.FulfillOptions()
                    .setStatus(200)
                    .setHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy", CSP))
                    .setBody(probePage(PROBES.getOrDefault(probe, "<p>No such probe.</p>"))));
        });
    }

    private static final Map<String, String> PROBES = Map.of(
            "fine", "<p>Nothing wrong here.</p>",
            "inline-style", "<style>p { color: #333; }</style><p>Styled inline.</p>",
            "inline-script", "<script>document.title = 'changed';</script>",
            "unnamed-button", "<button type=\"button\"></button>",
            "too-wide", "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"\" width=\"900\" height=\"1\">");

    @Test
    void aPageThatBreaksNoRulePassesAndLeavesScreenshots() {
        visit("/probe/fine");
        checkPage("fine");

        Path screenshots = Path.of("target", "screenshots", "page-check");
        assertThat(screenshots.resolve("fine-phone.png")).isNotEmptyFile();
        assertThat(screenshots.resolve("fine-desktop.png")).isNotEmptyFile();
    }

    @Test
    void anInlineStyleBlockedByTheContentSecurityPolicyFails() {
        visit("/probe/inline-style");
        assertThatThrownBy(() -> checkPage("inline-style"))
                .hasMessageContaining("browser console: ")
                .hasMessageContaining("Content Security Policy");
    }

    @Test
    void anInlineScriptBlockedByTheContentSecurityPolicyFails() {
        visit("/probe/inline-script");
        assertThatThrownBy(() -> checkPage("inline-script"))
                .hasMessageContaining("browser console: ")
                .hasMessageContaining("Content Security Policy");
    }

    @Test
    void aButtonWithoutANameFailsAccessibility() {
        visit("/probe/unnamed-button");
        assertThatThrownBy(() -> checkPage("unnamed-button"))
                .hasMessageContaining("accessibility (desktop): button-name [critical]")
                .hasMessageContaining("accessibility (phone): button-name [critical]")
                .hasMessageContaining("at [button]");
    }

    @Test
    void aPageWiderThanAPhoneFails() {
        visit("/probe/too-wide");
        assertThatThrownBy(() -> checkPage("too-wide"))
                .hasMessageContaining("layout (phone): page is")
                .hasMessageContaining("scrolls sideways")
                .hasMessageNotContaining("layout (desktop)");
    }

    private static String probePage(String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Probe</title><link rel="icon" href="data:,"></head>
                <body><main><h1>Probe</h1>%s</main></body>
                </html>
                """.formatted(body);
    }
}
