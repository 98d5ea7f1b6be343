package org.caregate.apps.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.UUID;
import org.caregate.apps.internal.ConnectedApps;
import org.caregate.identity.PortalUser;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.CareAccess;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Connected apps" ({@code /{org}/apps}): the outside apps that can read the record the person is
 * viewing, what each can see, who allowed it and when, when it last read the record, and
 * "Disconnect", which ends every token the app holds for this record at once.
 *
 * <p>Only those who may connect apps to the record see or change this page: the patients themselves,
 * and caregivers with full access ({@link CareAccess#forApp}). The {@code @ForPatient} areas say as
 * much to the caregiver decision and the authorisation matrix (read and act on the record); the
 * stricter rule is asked on every request after it.
 */
@Controller
@ConditionalOnWebApplication
class ConnectedAppsController {

    static final String PATH = "/{organizationId:[a-z][a-z0-9-]+}/apps";

    private final ConnectedApps connectedApps;
    private final CareAccess careAccess;
    private final AppWords words;

    ConnectedAppsController(ConnectedApps connectedApps, CareAccess careAccess, AppWords words) {
        this.connectedApps = connectedApps;
        this.careAccess = careAccess;
        this.words = words;
    }

    @GetMapping(PATH)
    String connected(@ForPatient(value = Area.RECORD, access = Access.ACT) Viewing viewing,
            @AuthenticationPrincipal PortalUser user, Model model, Locale locale) {
        String name = mayConnectApps(user, viewing);
        model.addAttribute("apps", connectedApps.of(viewing.patient(), viewing.organizationId()).stream()
                .map(connection -> words.row(connection, viewing, name, locale)).toList());
        model.addAttribute("self", viewing.self());
        model.addAttribute("patientName", name);
        return "apps/connected";
    }

    @GetMapping(PATH + "/{id}/disconnect")
    String confirm(@ForPatient(value = Area.RECORD, access = Access.ACT) Viewing viewing, @PathVariable UUID id,
            @AuthenticationPrincipal PortalUser user, Model model, Locale locale) {
        String name = mayConnectApps(user, viewing);
        ConnectedApps.Connection connection = connectedApps.find(id, viewing.patient(), viewing.organizationId())
                .orElseThrow(ConnectedAppsController::notFound);
        model.addAttribute("app", words.row(connection, viewing, name, locale));
        model.addAttribute("self", viewing.self());
        model.addAttribute("patientName", name);
        return "apps/disconnect";
    }

    @PostMapping(PATH + "/{id}/disconnect")
    String disconnect(@ForPatient(value = Area.RECORD, access = Access.ACT) Viewing viewing, @PathVariable UUID id,
            @AuthenticationPrincipal PortalUser user, RedirectAttributes redirect) {
        String name = mayConnectApps(user, viewing);
        ConnectedApps.Connection gone = connectedApps.disconnect(id, viewing.patient(), viewing.organizationId(),
                viewing.actor()).orElseThrow(ConnectedAppsController::notFound);
        redirect.addFlashAttribute("done", viewing.self() ? "apps.connected.done" : "apps.connected.doneFor");
        redirect.addFlashAttribute("doneArgs", new Object[] {gone.name(), name});
        return "redirect:/" + viewing.organizationId() + "/apps";
    }

    /**
     * The person may connect apps to this record (the patient, or a caregiver with full access);
     * returns the patient's name as the pages show it to them.
     */
    private String mayConnectApps(PortalUser user, Viewing viewing) {
        try {
            careAccess.forApp(user, viewing.organizationId(), viewing.patient());
        } catch (CareAccess.NotAllowed e) {
            throw new NotForThisAccess();
        }
        return careAccess.people(user, viewing.organizationId()).stream()
                .filter(person -> person.patient().equals(viewing.patient())).map(CareAccess.Person::name).findFirst()
                .orElse("");
    }

    /** A caregiver whose access is limited: they may use the record, but not connect or disconnect apps. */
    @ExceptionHandler(NotForThisAccess.class)
    String notForThisAccess(HttpServletResponse response) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return "apps/not-allowed";
    }

    /** Not an app connected to this record: "not found", saying nothing of whose it is. */
    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    static final class NotForThisAccess extends RuntimeException {
        NotForThisAccess() {
            super(null, null, false, false);
        }
    }
}
