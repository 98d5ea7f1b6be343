package org.caregate.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.caregate.identity.PortalUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The staff home page. A patient's home page, with what is new in their record, belongs to the record feature. */
@Controller
@ConditionalOnWebApplication
class StaffHomeController {

    @GetMapping("/staff")
    String staffHome(@AuthenticationPrincipal PortalUser user) {
        return "identity/staff-home";
    }
}
