package org.caregate.organization.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The web manifests that let a patient put the portal on a phone's home screen: one per
 * organisation (its name, colour and icons; it opens at its home page) and one for the pages that
 * belong to none. There is no service worker and nothing is cached: health data must never be kept
 * on the device, and current browsers install a web app without one.
 */
@Controller
class WebManifestController {

    static final MediaType WEB_MANIFEST = new MediaType("application", "manifest+json");

    /** The portal's own colour, as {@code --brand} in portal.css and the theme-color in layout.html. */
    static final String PORTAL_COLOR = "#1f3a5f";

    private final Organizations organizations;
    private final MessageSource messages;

    WebManifestController(Organizations organizations, MessageSource messages) {
        this.organizations = organizations;
        this.messages = messages;
    }

    @GetMapping("/{organizationId}/manifest.webmanifest")
    ResponseEntity<WebManifest> organizationManifest(@PathVariable String organizationId, Locale locale,
            HttpServletRequest request) {
        Organization organization = organizations.get(organizationId);
        String base = request.getContextPath();
        String home = base + "/" + organization.id() + "/home";
        var icons = new ArrayList<Icon>(List.of(
                Icon.png(onPortal(base, organization.homeScreenIcon("icon-192.png")), 192, "any"),
                Icon.png(onPortal(base, organization.homeScreenIcon("icon-512.png")), 512, "any"),
                Icon.png(onPortal(base, organization.homeScreenIcon("icon-maskable-512.png")), 512, "maskable")));
        // Without icons of its own the organisation gets the portal's whole set, not a mix of two looks.
        String svg = organization.icons() != null && organization.logo().endsWith(".svg")
                ? organization.logo() : Organization.PORTAL_ICONS + "/icon.svg";
        icons.add(Icon.svg(onPortal(base, svg)));
        return manifest(new WebManifest(home,
                messages.getMessage("manifest.name", new Object[] {organization.name()}, locale),
                organization.shortName(), locale.toLanguageTag(), home, base + "/", "standalone", "#ffffff",
                organization.primaryColor(), icons));
    }

    @GetMapping("/manifest.webmanifest")
    ResponseEntity<WebManifest> portalManifest(Locale locale, HttpServletRequest request) {
        String base = request.getContextPath();
        String icons = base + Organization.PORTAL_ICONS;
        return manifest(new WebManifest(base + "/",
                messages.getMessage("manifest.portal.name", null, locale),
                messages.getMessage("manifest.portal.shortName", null, locale), locale.toLanguageTag(),
                base + "/", base + "/", "standalone", "#ffffff", PORTAL_COLOR,
                List.of(Icon.png(icons + "/icon-192.png", 192, "any"), Icon.png(icons + "/icon-512.png", 512, "any"),
                        Icon.png(icons + "/icon-maskable-512.png", 512, "maskable"), Icon.svg(icons + "/icon.svg"))));
    }

    /** Installing needs the manifest before anyone has signed in. */
    @Bean
    static PublicPaths webManifestPaths() {
        return PublicPaths.of("/manifest.webmanifest", "/*/manifest.webmanifest");
    }

    private static ResponseEntity<WebManifest> manifest(WebManifest manifest) {
        // Cache-Control stays Spring Security's no-store: the manifest follows the person's language.
        return ResponseEntity.ok().contentType(WEB_MANIFEST).body(manifest);
    }

    /** Addresses on the portal get its context path; an icon folder elsewhere stays as configured. */
    private static String onPortal(String contextPath, String address) {
        return address.startsWith("/") ? contextPath + address : address;
    }

    /** The members of a web manifest the portal uses (W3C Web Application Manifest). */
    record WebManifest(
            String id,
            String name,
            @JsonProperty("short_name") String shortName,
            String lang,
            @JsonProperty("start_url") String startUrl,
            String scope,
            String display,
            @JsonProperty("background_color") String backgroundColor,
            @JsonProperty("theme_color") String themeColor,
            List<Icon> icons) {
    }

    record Icon(String src, String sizes, String type, String purpose) {

        static Icon png(String src, int size, String purpose) {
            return new Icon(src, size + "x" + size, "image/png", purpose);
        }

        static Icon svg(String src) {
            return new Icon(src, "any", "image/svg+xml", "any");
        }
    }
}
