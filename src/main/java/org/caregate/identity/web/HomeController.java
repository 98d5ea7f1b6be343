package org.caregate.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.caregate.identity.PortalUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The first page after signing in. The health record's "what's new" arrives with the record
 * feature; until then it greets the person and leads to their account pages.
 */
@Controller
@ConditionalOnWebApplication
class HomeController {

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/home")
    String home(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user) {
        return "identity/home";
    }

    @GetMapping("/staff")
    String staffHome(@AuthenticationPrincipal PortalUser user) {
        return "identity/staff-home";
    }
}
