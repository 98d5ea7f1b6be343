package org.caregate.identity.web;

import java.util.List;
import org.caregate.identity.PortalUser;
import org.caregate.identity.StaffConsole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The first page after signing in. The health record's "what's new" arrives with the record
 * feature; until then it greets the person and leads to their account pages. Staff see the
 * consoles of their roles.
 */
@Controller
@ConditionalOnWebApplication
class HomeController {

    private final ObjectProvider<StaffConsole> consoles;

    HomeController(ObjectProvider<StaffConsole> consoles) {
        this.consoles = consoles;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/home")
    String home(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user) {
        return "identity/home";
    }

    @GetMapping("/staff")
    String staffHome(@AuthenticationPrincipal PortalUser user, Model model) {
        List<StaffConsole> theirs = consoles.orderedStream().filter(console -> user.roles().contains(console.role()))
                .toList();
        model.addAttribute("consoles", theirs);
        return "identity/staff-home";
    }
}
