package org.caregate.organization.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.organization.UnknownOrganization;
import org.caregate.organization.web.WebManifestController.Icon;
import org.caregate.organization.web.WebManifestController.WebManifest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;

/** What a deployment's own organisations get in their manifests, configured with or without icons. */
class WebManifestControllerTests {

    @Test
    void anOrganisationWithoutIconsOfItsOwnGetsThePortalsWholeSet() {
        var manifest = manifestOf(organization("valley", "Valley Family Medicine", null, null), "");

        assertThat(manifest.icons()).extracting(Icon::src).containsExactly(
                "/img/icon-192.png", "/img/icon-512.png", "/img/icon-maskable-512.png", "/img/icon.svg");
        // Its SVG logo is left out too, and its name and colour stay its own.
        assertThat(manifest.name()).isEqualTo("Valley Family Medicine patient portal");
        assertThat(manifest.themeColor()).isEqualTo("#6a1b4d");
    }

    @Test
    void withoutAShortNameTheFullNameGoesUnderTheIcon() {
        var manifest = manifestOf(organization("valley", "Valley Family Medicine", " ", "/org/valley/"), "");

        assertThat(manifest.shortName()).isEqualTo("Valley Family Medicine");
        assertThat(manifest.icons()).extracting(Icon::src).containsExactly("/org/valley/icon-192.png",
                "/org/valley/icon-512.png", "/org/valley/icon-maskable-512.png", "/org/valley/logo.svg");
    }

    @Test
    void behindAContextPathEveryAddressStartsWithIt() {
        var manifest = manifestOf(organization("valley", "Valley Family Medicine", "Valley", "/org/valley"),
                "/portal");

        assertThat(manifest.startUrl()).isEqualTo("/portal/valley/home");
        assertThat(manifest.id()).isEqualTo("/portal/valley/home");
        assertThat(manifest.scope()).isEqualTo("/portal/");
        assertThat(manifest.icons()).extracting(Icon::src).allMatch(src -> src.startsWith("/portal/org/valley/"));
    }

    @Test
    void anOrganisationNotConfiguredHasNoManifest() {
        var controller = controllerFor(organization("valley", "Valley Family Medicine", null, null));

        assertThatThrownBy(() -> controller.organizationManifest("clinic", Locale.ENGLISH,
                new MockHttpServletRequest()))
                .isInstanceOf(UnknownOrganization.class);
    }

    private static WebManifest manifestOf(Organization organization, String contextPath) {
        var request = new MockHttpServletRequest();
        request.setContextPath(contextPath);
        var response = controllerFor(organization).organizationManifest(organization.id(), Locale.ENGLISH, request);
        assertThat(response.getHeaders().getContentType()).isEqualTo(WebManifestController.WEB_MANIFEST);
        assertThat(response.getBody()).isNotNull();
        return response.getBody();
    }

    private static WebManifestController controllerFor(Organization organization) {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new WebManifestController(new Organizations() {
            @Override
            public List<Organization> all() {
                return List.of(organization);
            }

            @Override
            public Optional<Organization> find(String id) {
                return Optional.of(organization).filter(o -> o.id().equals(id));
            }

            @Override
            public String staffSignInUrl() {
                return "/staff/sign-in";
            }
        }, messages);
    }

    private static Organization organization(String id, String name, @Nullable String shortName,
            @Nullable String icons) {
        return new Organization(id, name, shortName, "clinic", name, "#6a1b4d", "#f7eef3",
                "/org/" + id + "/logo.svg", icons, "+15075550100", Map.of("en", "hours"), Map.of("en", "number"), null);
    }
}
