package org.caregate.organization.web;

import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** "Where do you get care?": the landing page, each organisation's sign-in page and its theme. */
@Controller
class PortalRoutingController {

    private final Organizations organizations;

    PortalRoutingController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/")
    String choosePortal(Model model) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("staffSignInUrl", organizations.staffSignInUrl());
        return "organization/choose-portal";
    }

    /** Brand colours as CSS custom properties: a stylesheet, because the CSP forbids inline styles. */
    @GetMapping(path = "/org/{organizationId}/theme.css", produces = "text/css")
    ResponseEntity<String> theme(@PathVariable String organizationId) {
        Organization organization = organizations.get(organizationId);
        String css = ":root{--brand:%s;--brand-soft:%s}\n".formatted(
                organization.primaryColor(), organization.accentColor());
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "css"))
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)))
                .body(css);
    }

    /** The landing page, the themes and the organisations' logos are open to everyone. */
    @Bean
    static PublicPaths portalRoutingPaths() {
        return PublicPaths.of("/", "/org/**");
    }
}
