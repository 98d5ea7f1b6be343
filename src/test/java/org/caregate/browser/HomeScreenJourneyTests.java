package org.caregate.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;

/**
 * A patient puts the portal on the phone's home screen: Chromium reads each page's manifest as it
 * would to offer "Install app" / "Add to home screen", through its DevTools protocol.
 */
class HomeScreenJourneyTests extends BrowserJourney {

    @Test
    void anOrganisationsSignInPageOffersThatOrganisationsPortal() {
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        JsonObject manifest = appManifest(page);
        assertThat(manifest.get("url").getAsString()).isEqualTo(baseUrl() + "/clinic/manifest.webmanifest?lang=en");
        assertThat(manifest.getAsJsonArray("errors")).as("manifest errors Chromium found").isEmpty();
        JsonObject parsed = manifest.getAsJsonObject("manifest");
        assertThat(parsed.get("name").getAsString()).isEqualTo("Riverbend Clinic patient portal");
        assertThat(parsed.get("startUrl").getAsString()).isEqualTo(baseUrl() + "/clinic/home");
        assertThat(parsed.get("id").getAsString()).isEqualTo(baseUrl() + "/clinic/home");
        assertThat(parsed.get("display").getAsString()).isEqualTo("kStandalone");
        assertThat(parsed.get("themeColor").getAsString()).isEqualTo("rgba(11,79,138,1)");
        assertThat(iconsOf(parsed)).containsExactly(baseUrl() + "/org/clinic/icon-192.png",
                baseUrl() + "/org/clinic/icon-512.png", baseUrl() + "/org/clinic/icon-maskable-512.png",
                baseUrl() + "/org/clinic/logo.svg");

        String touchIcon = (String) page.locator("link[rel=apple-touch-icon]").evaluate("link => link.href");
        var icon = page.request().get(touchIcon);
        assertThat(icon.status()).as("status of %s", touchIcon).isEqualTo(200);
        assertThat(icon.headers().get("content-type")).isEqualTo("image/png");
    }

    @Test
    void aSpanishPageOffersTheSpanishPortalAndTheLandingPageThePortalsOwn() {
        visit("/health-system/sign-in?lang=es");
        checkPage("health-system-sign-in-spanish");
        JsonObject spanish = appManifest(page);
        assertThat(spanish.getAsJsonArray("errors")).isEmpty();
        assertThat(spanish.getAsJsonObject("manifest").get("name").getAsString())
                .isEqualTo("Portal del paciente de Riverbend Health System");

        visit("/?lang=en");
        checkPage("landing");
        JsonObject portal = appManifest(page);
        assertThat(portal.getAsJsonArray("errors")).isEmpty();
        assertThat(portal.getAsJsonObject("manifest").get("name").getAsString()).isEqualTo("Patient portal");
        assertThat(portal.getAsJsonObject("manifest").get("startUrl").getAsString()).isEqualTo(baseUrl() + "/");
    }

    /**
     * Chromium offers installing only outside incognito, and every journey's context is incognito: this
     * asks a Chromium with a profile of its own, on pages the other tests check.
     */
    @Test
    void chromiumFindsNothingThatStopsInstallingThePortal() throws Exception {
        Path profile = Files.createTempDirectory("caregate-chromium-profile");
        try (Playwright playwright = Chromium.driver()) {
            BrowserContext browser = Chromium.launchWithProfile(playwright, profile);
            Page own = browser.pages().isEmpty() ? browser.newPage() : browser.pages().getFirst();
            for (String path : List.of("/clinic/sign-in", "/health-system/sign-in", "/")) {
                own.navigate(baseUrl() + path);
                JsonObject answer = browser.newCDPSession(own).send("Page.getInstallabilityErrors");
                assertThat(answer.getAsJsonArray("installabilityErrors")).as("what stops installing from %s", path)
                        .isEmpty();
            }
            browser.close();
        } finally {
            FileSystemUtils.deleteRecursively(profile);
        }
    }

    private static JsonObject appManifest(Page page) {
        return page.context().newCDPSession(page).send("Page.getAppManifest");
    }

    private static List<String> iconsOf(JsonObject manifest) {
        var icons = new ArrayList<String>();
        for (JsonElement icon : manifest.getAsJsonArray("icons")) {
            icons.add(icon.getAsJsonObject().get("url").getAsString());
        }
        return icons;
    }
}
