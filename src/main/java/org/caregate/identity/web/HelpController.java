package org.caregate.identity.web;

import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Plain-words help for signing in: blocked cookies (where a cookie-less form is sent) and browser
 * trouble (linked from the sign-in page and every sign-in error). Open to everyone.
 */
@Controller
@ConditionalOnWebApplication
class HelpController {

    private final Organizations organizations;

    HelpController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping("/help/cookies")
    String cookies(Model model) {
        model.addAttribute("organizations", organizations.all());
        return "help/cookies";
    }

    @GetMapping("/help/sign-in")
    String signIn(Model model) {
        model.addAttribute("organizations", organizations.all());
        return "help/sign-in";
    }

    @Bean
    static PublicPaths helpPages() {
        return PublicPaths.of("/help/**");
    }
}
