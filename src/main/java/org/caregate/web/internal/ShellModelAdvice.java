package org.caregate.web.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page: the organisation whose page this is, and all of them for the footer. */
@ControllerAdvice
class ShellModelAdvice {

    private final Organizations organizations;

    ShellModelAdvice(Organizations organizations) {
        this.organizations = organizations;
    }

    @ModelAttribute("organization")
    @Nullable Organization organization(HttpServletRequest request) {
        return organizations.forPath(request.getRequestURI().substring(request.getContextPath().length()))
                .orElse(null);
    }

    @ModelAttribute("allOrganizations")
    List<Organization> allOrganizations() {
        return organizations.all();
    }

    @ModelAttribute("staffSignInUrl")
    String staffSignInUrl() {
        return organizations.staffSignInUrl();
    }
}
