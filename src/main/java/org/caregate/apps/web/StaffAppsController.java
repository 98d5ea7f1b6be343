package org.caregate.apps.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.caregate.apps.internal.Clients;
import org.caregate.apps.internal.Registrations;
import org.caregate.identity.PortalUser;
import org.caregate.identity.StaffConsole;
import org.caregate.identity.StaffRole;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * "Apps" ({@code /staff/apps}) for staff administrators: the registered apps, registering a new one
 * (a browser or phone app, a server app with a secret shown once, or a backend service with its public
 * keys), and disabling one, which ends every connection it has at once.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize("hasRole('ADMINISTRATOR')")
class StaffAppsController {

    static final String PATH = "/staff/apps";

    private final Clients clients;
    private final Registrations registrations;
    private final AppWords words;

    StaffAppsController(Clients clients, Registrations registrations, AppWords words) {
        this.clients = clients;
        this.registrations = registrations;
        this.words = words;
    }

    @Bean
    static StaffConsole appsConsole() {
        return new StaffConsole(PATH, "apps.staff.console.name", "apps.staff.console.hint", StaffRole.ADMINISTRATOR);
    }

    /** A registered app as the list shows it. */
    record Row(UUID id, String name, String clientId, Clients.Kind kind, List<String> redirectUris,
            @Nullable String jwksUrl, boolean pastedKeys, AppWords.When created, AppWords.@Nullable When disabled) {}

    /** The form as typed, shown again with its problems. */
    record Form(String name, String kind, String redirectUris, String jwksUrl, String jwks) {

        static Form blank() {
            return new Form("", "", "", "", "");
        }

        static Form from(Map<String, String> fields) {
            return new Form(fields.getOrDefault("name", ""), fields.getOrDefault("kind", ""),
                    fields.getOrDefault("redirectUris", ""), fields.getOrDefault("jwksUrl", ""),
                    fields.getOrDefault("jwks", ""));
        }

        /** A key set refused for holding a private key is not sent back to the browser. */
        Form withoutPrivateKeys(Map<String, Registrations.Problem> problems) {
            Registrations.Problem keys = problems.get("jwks");
            return keys != null && keys.key().equals(Registrations.PRIVATE_KEYS) ? new Form(name, kind, redirectUris, jwksUrl, "")
                    : this;
        }

        Registrations.Request request() {
            Clients.Kind chosen = null;
            for (Clients.Kind each : Clients.Kind.values()) {
                if (each.name().equals(kind)) {
                    chosen = each;
                }
            }
            return new Registrations.Request(name, chosen, redirectUris, jwksUrl, jwks);
        }
    }

    @GetMapping(PATH)
    String list(Model model, Locale locale) {
        model.addAttribute("apps", clients.all().stream().map(app -> row(app, locale)).toList());
        return "apps/staff-apps";
    }

    @GetMapping(PATH + "/new")
    String newApp(Model model) {
        formView(model, Form.blank(), Map.of());
        return "apps/staff-new";
    }

    @PostMapping(PATH)
    String register(@RequestParam Map<String, String> fields, @AuthenticationPrincipal PortalUser staff, Model model,
            HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Form form = Form.from(fields);
        Registrations.Registered registered;
        try {
            registered = registrations.register(form.request(), staff.accountId());
        } catch (Registrations.Refused refused) {
            formView(model, form.withoutPrivateKeys(refused.problems()), refused.problems());
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "apps/staff-new";
        }
        // Shown on this answer only, never kept in the session: the secret exists nowhere else in clear.
        model.addAttribute("app", row(registered.app(), locale));
        model.addAttribute("secret", registered.secret());
        model.addAttribute("scopes", String.join(" ", registered.app().scopes()));
        model.addAttribute("fhirBase", ServletUriComponentsBuilder.fromContextPath(request).path("/fhir").build()
                .toUriString());
        return "apps/staff-registered";
    }

    @GetMapping(PATH + "/{id}/disable")
    String confirmDisable(@PathVariable UUID id, Model model, Locale locale) {
        Clients.App app = inUse(id);
        model.addAttribute("app", row(app, locale));
        model.addAttribute("records", registrations.connectedRecords(id));
        return "apps/staff-disable";
    }

    @PostMapping(PATH + "/{id}/disable")
    String disable(@PathVariable UUID id, @AuthenticationPrincipal PortalUser staff, RedirectAttributes redirect) {
        Clients.App app = inUse(id);
        registrations.disable(id, staff.accountId()).orElseThrow(StaffAppsController::notFound);
        redirect.addFlashAttribute("done", "apps.staff.done.disabled");
        redirect.addFlashAttribute("doneArgs", new Object[] {app.name()});
        return "redirect:" + PATH;
    }

    private Clients.App inUse(UUID id) {
        return clients.find(id).filter(app -> app.disabledAt() == null).orElseThrow(StaffAppsController::notFound);
    }

    private Row row(Clients.App app, Locale locale) {
        return new Row(app.id(), app.name(), app.clientId(), app.kind(), app.redirectUris(), app.jwksUrl(),
                app.jwks() != null, words.when(app.createdAt(), locale),
                app.disabledAt() == null ? null : words.when(app.disabledAt(), locale));
    }

    private static void formView(Model model, Form form, Map<String, Registrations.Problem> problems) {
        model.addAttribute("form", form);
        model.addAttribute("kinds", List.of(Clients.Kind.values()));
        model.addAttribute("problems", problems);
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
