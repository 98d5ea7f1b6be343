package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.caregate.identity.PortalUser;
import org.caregate.proxy.CareAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Gives the pages of a person who helps someone the "Viewing: name" bar with its switcher
 * ({@code careViewing}: the people they may view, the one they view now first marked).
 */
@ControllerAdvice
@ConditionalOnWebApplication
class ViewingModelAdvice {

    private final CareAccess access;

    ViewingModelAdvice(CareAccess access) {
        this.access = access;
    }

    /** The switcher's choices, or {@code null} when the person views only their own record. */
    @ModelAttribute("careViewing")
    @Nullable Switcher careViewing(@AuthenticationPrincipal @Nullable Object principal, HttpServletRequest request) {
        if (!(principal instanceof PortalUser user) || user.organizationId() == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String organizationId = variables == null ? null : variables.get("organizationId");
        if (!user.organizationId().equals(organizationId)) {
            return null;
        }
        List<CareAccess.Person> people = access.people(user, organizationId);
        if (people.size() < 2 && people.stream().allMatch(CareAccess.Person::self)) {
            return null;
        }
        CareAccess.Person now;
        try {
            var viewing = access.current(user, organizationId, request.getSession(false));
            now = people.stream().filter(p -> p.patient().equals(viewing.patient())).findFirst().orElse(null);
        } catch (RuntimeException refused) {
            now = null;
        }
        return new Switcher(now, people);
    }

    /**
     * @param now the person whose record the pages show; {@code null} when none is chosen yet
     */
    record Switcher(CareAccess.@Nullable Person now, List<CareAccess.Person> people) {}
}
