package org.caregate.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, the only browser the journeys use: test tools cannot download their own
 * browser builds on our machines, so Playwright is told never to try.
 */
final class Chromium {

    static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    /** Set to {@code 1} (CI does) so that a missing Chromium fails the build instead of skipping. */
    static final String REQUIRE_BROWSER = "CAREGATE_REQUIRE_BROWSER";

    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic");

    private Chromium() {
    }

    /** Skips the calling test class, loudly, when Chromium is missing, or fails it where CI requires a browser. */
    static void requireInstalled() {
        if (Files.isExecutable(EXECUTABLE)) {
            return;
        }
        String message = "Browser journeys need Chromium at " + EXECUTABLE + " and it is missing."
                + " Install it with: apt-get install -y chromium";
        if ("1".equals(System.getenv(REQUIRE_BROWSER))) {
            Assertions.fail(message + " (" + REQUIRE_BROWSER + "=1 makes a missing browser a failure)");
        }
        System.err.println("""

                ************************************************************************
                SKIPPING BROWSER JOURNEYS: %s
                ************************************************************************
                """.formatted(message));
        Assumptions.abort(message);
    }

    static Playwright driver() {
        return Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    /**
     * Chromium with a profile of its own in {@code profile}, as a person's browser is: unlike the
     * journeys' contexts it is not incognito, where Chromium offers no installing.
     */
    static BrowserContext launchWithProfile(Playwright playwright, Path profile) {
        return playwright.chromium().launchPersistentContext(profile, new BrowserType.LaunchPersistentContextOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS)
                .setTimeout(60_000));
    }

    static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(ARGS)
                .setTimeout(60_000));
    }
}
