package org.caregate.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A patient puts the portal on a phone's home screen: the manifests and icons, before signing in. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebManifestIntegrationTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    @Test
    void eachOrganisationsManifestInstallsItsOwnPortalWithoutSigningIn() throws Exception {
        JsonNode clinic = manifest("/clinic/manifest.webmanifest", "Accept-Language", "en-US");
        assertThat(clinic.get("name").asString()).isEqualTo("Riverbend Clinic patient portal");
        assertThat(clinic.get("short_name").asString()).isEqualTo("RB Clinic").hasSizeLessThanOrEqualTo(12);
        assertThat(clinic.get("id").asString()).isEqualTo("/clinic/home");
        assertThat(clinic.get("start_url").asString()).isEqualTo("/clinic/home");
        assertThat(clinic.get("scope").asString()).isEqualTo("/");
        assertThat(clinic.get("display").asString()).isEqualTo("standalone");
        assertThat(clinic.get("background_color").asString()).isEqualTo("#ffffff");
        assertThat(clinic.get("theme_color").asString()).isEqualTo("#0b4f8a");
        assertThat(clinic.get("lang").asString()).isEqualTo("en");
        assertThat(icons(clinic)).containsExactly(
                "/org/clinic/icon-192.png 192x192 image/png any",
                "/org/clinic/icon-512.png 512x512 image/png any",
                "/org/clinic/icon-maskable-512.png 512x512 image/png maskable",
                "/org/clinic/logo.svg any image/svg+xml any");
        everyIconIsThere(clinic);

        JsonNode system = manifest("/health-system/manifest.webmanifest", "Accept-Language", "en-US");
        assertThat(system.get("name").asString()).isEqualTo("Riverbend Health System patient portal");
        assertThat(system.get("short_name").asString()).isEqualTo("RB Health");
        assertThat(system.get("start_url").asString()).isEqualTo("/health-system/home");
        assertThat(system.get("theme_color").asString()).isEqualTo("#1d5e3a");
        assertThat(icons(system)).allMatch(icon -> icon.startsWith("/org/health-system/"));
        everyIconIsThere(system);
    }

    @Test
    void pagesOfNoOrganisationHaveThePortalsOwnManifest() throws Exception {
        JsonNode portal = manifest("/manifest.webmanifest", "Accept-Language", "en-US");

        assertThat(portal.get("name").asString()).isEqualTo("Patient portal");
        assertThat(portal.get("short_name").asString()).isEqualTo("Portal");
        assertThat(portal.get("id").asString()).isEqualTo("/");
        assertThat(portal.get("start_url").asString()).isEqualTo("/");
        assertThat(portal.get("scope").asString()).isEqualTo("/");
        assertThat(portal.get("display").asString()).isEqualTo("standalone");
        assertThat(portal.get("theme_color").asString()).isEqualTo("#1f3a5f");
        assertThat(icons(portal)).containsExactly(
                "/img/icon-192.png 192x192 image/png any",
                "/img/icon-512.png 512x512 image/png any",
                "/img/icon-maskable-512.png 512x512 image/png maskable",
                "/img/icon.svg any image/svg+xml any");
        everyIconIsThere(portal);
    }

    @Test
    void theManifestSpeaksThePersonsLanguage() throws Exception {
        JsonNode byBrowser = manifest("/clinic/manifest.webmanifest", "Accept-Language", "es-MX,es;q=0.9");
        JsonNode bySwitch = manifest("/clinic/manifest.webmanifest?lang=es", "Accept-Language", "en-US");
        JsonNode portal = manifest("/manifest.webmanifest", "Accept-Language", "es");

        assertThat(byBrowser.get("name").asString()).isEqualTo("Portal del paciente de Riverbend Clinic");
        assertThat(byBrowser.get("lang").asString()).isEqualTo("es");
        assertThat(bySwitch.get("name").asString()).isEqualTo("Portal del paciente de Riverbend Clinic");
        assertThat(portal.get("name").asString()).isEqualTo("Portal del paciente");
    }

    @Test
    void anUnknownOrganisationHasNoManifest() throws Exception {
        assertThat(get("/nowhere/manifest.webmanifest").statusCode()).isEqualTo(404);
    }

    @Test
    void openingTheManifestsOpensNothingElse() throws Exception {
        var home = get("/clinic/home");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).get().asString().endsWith("/clinic/sign-in");
    }

    @Test
    void everyPageLinksItsManifestAndHomeScreenIcon() throws Exception {
        String clinic = page("/clinic/sign-in");
        assertThat(clinic).contains(
                "<link rel=\"manifest\" href=\"/clinic/manifest.webmanifest?lang=en\">",
                "<meta name=\"theme-color\" content=\"#0b4f8a\">",
                "<link rel=\"apple-touch-icon\" href=\"/org/clinic/apple-touch-icon.png\">",
                "<meta name=\"mobile-web-app-capable\" content=\"yes\">",
                "<meta name=\"apple-mobile-web-app-title\" content=\"RB Clinic\">");
        pngOfSize("/org/clinic/apple-touch-icon.png", 180);
        // A browser fetches the manifest without cookies: a language chosen with the switch goes in its address.
        assertThat(page("/clinic/sign-in?lang=es")).contains(
                "<link rel=\"manifest\" href=\"/clinic/manifest.webmanifest?lang=es\">");

        String landing = page("/");
        assertThat(landing).contains(
                "<link rel=\"manifest\" href=\"/manifest.webmanifest?lang=en\">",
                "<meta name=\"theme-color\" content=\"#1f3a5f\">",
                "<link rel=\"apple-touch-icon\" href=\"/img/apple-touch-icon.png\">",
                "<meta name=\"apple-mobile-web-app-title\" content=\"Portal\">");
        pngOfSize("/img/apple-touch-icon.png", 180);
    }

    private JsonNode manifest(String path, String... headers) throws Exception {
        var response = get(path, headers);
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("type of %s", path).get().asString()
                .startsWith("application/manifest+json");
        // Not kept on the device, like every page.
        assertThat(response.headers().firstValue("Cache-Control")).get().asString().contains("no-store");
        return json.readTree(response.body());
    }

    /** Each icon as {@code "src sizes type purpose"}. */
    private static List<String> icons(JsonNode manifest) {
        var icons = new ArrayList<String>();
        for (JsonNode icon : manifest.get("icons")) {
            icons.add(String.join(" ", icon.get("src").asString(), icon.get("sizes").asString(),
                    icon.get("type").asString(), icon.get("purpose").asString()));
        }
        return icons;
    }

    /** Every icon listed answers with its type, and a PNG's pixels are the size the manifest says. */
    private void everyIconIsThere(JsonNode manifest) throws Exception {
        for (JsonNode icon : manifest.get("icons")) {
            String src = icon.get("src").asString();
            String sizes = icon.get("sizes").asString();
            if (icon.get("type").asString().equals("image/png")) {
                int size = Integer.parseInt(sizes.substring(0, sizes.indexOf('x')));
                assertThat(sizes).isEqualTo(size + "x" + size);
                pngOfSize(src, size);
            } else {
                var svg = get(src);
                assertThat(svg.statusCode()).as("status of %s", src).isEqualTo(200);
                assertThat(svg.headers().firstValue("Content-Type")).get().asString().startsWith("image/svg+xml");
            }
        }
    }

    private void pngOfSize(String path, int size) throws Exception {
        var response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("type of %s", path).contains("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image).as("%s is a PNG", path).isNotNull();
        assertThat(image.getWidth()).as("width of %s", path).isEqualTo(size);
        assertThat(image.getHeight()).as("height of %s", path).isEqualTo(size);
    }

    private String page(String path) throws Exception {
        var response = get(path, "Accept", "text/html", "Accept-Language", "en-US");
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        var request = request(path);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }
}
