package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.proxy.CareAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The switcher: view one's own record or that of a patient one helps. */
@Controller
@ConditionalOnWebApplication
class ViewingController {

    private final CareAccess access;

    ViewingController(CareAccess access) {
        this.access = access;
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/viewing")
    String choose(@PathVariable String organizationId, @RequestParam UUID patient, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request) {
        access.current(user, organizationId, null);
        access.choose(user, organizationId, new PatientId(patient), request.getSession());
        return "redirect:/" + organizationId + "/home";
    }
}
