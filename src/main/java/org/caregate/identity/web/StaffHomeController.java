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

/** The staff home page: the consoles of the person's roles. A patient's home page belongs to the record feature. */
@Controller
@ConditionalOnWebApplication
class StaffHomeController {

    private final ObjectProvider<StaffConsole> consoles;

    StaffHomeController(ObjectProvider<StaffConsole> consoles) {
        this.consoles = consoles;
    }

    @GetMapping("/staff")
    String staffHome(@AuthenticationPrincipal PortalUser user, Model model) {
        // A console open to several roles is declared once per role: list it once.
        List<StaffConsole> theirs = consoles.orderedStream().filter(console -> user.roles().contains(console.role()))
                .collect(java.util.stream.Collectors.toMap(StaffConsole::path, c -> c, (a, b) -> a,
                        java.util.LinkedHashMap::new))
                .values().stream().toList();
        model.addAttribute("consoles", theirs);
        return "identity/staff-home";
    }
}
