package org.caregate.apps.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.caregate.apps.SmartScopes;
import org.caregate.apps.internal.Clients;
import org.caregate.identity.ContentSecurityPolicy;
import org.caregate.identity.PortalUser;
import org.caregate.proxy.CareAccess;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * "Allow this app to see your record?": the page the authorisation server sends a signed-in person
 * to. It names the app, says what it asks for by kind of data in plain words, lets the person untick
 * kinds, choose whose record (their own, or a patient they help with full access), and allow or
 * refuse. Both buttons post to the authorisation endpoint, which answers the app.
 */
@Controller
@ConditionalOnWebApplication
class ConsentController {

    private final Clients clients;
    private final CareAccess careAccess;

    ConsentController(Clients clients, CareAccess careAccess) {
        this.clients = clients;
        this.careAccess = careAccess;
    }

    /** Where the authorisation server sends the person: their own portal's consent page. */
    @GetMapping("/apps/consent")
    String toPortal(@AuthenticationPrincipal PortalUser user, HttpServletRequest request) {
        if (user.organizationId() == null) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        String query = request.getQueryString();
        return "redirect:/" + user.organizationId() + "/apps/consent" + (query == null ? "" : "?" + query);
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/apps/consent")
    String consent(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam("client_id") String clientId, @RequestParam(name = "scope", defaultValue = "") String scope,
            @RequestParam String state, Model model, HttpServletResponse response) {
        if (!organizationId.equals(user.organizationId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Clients.App app = clients.find(clientId).filter(a -> a.disabledAt() == null)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        requested.remove("");
        List<Kind> kinds = new ArrayList<>();
        for (DataKind kind : DataKind.values()) {
            List<String> scopes = requested.stream().filter(kind::covers).toList();
            if (!scopes.isEmpty()) {
                kinds.add(new Kind(kind.key(), String.join(" ", scopes)));
            }
        }
        List<String> launch = requested.stream()
                .filter(s -> SmartScopes.typeOf(s) == null && !s.equals("offline_access") && !s.equals("online_access"))
                .toList();
        String keep = requested.contains("offline_access") ? "offline_access"
                : requested.contains("online_access") ? "online_access" : null;
        List<CareAccess.Person> people = careAccess.people(user, organizationId).stream().filter(person -> {
            try {
                careAccess.forApp(user, organizationId, person.patient());
                return true;
            } catch (CareAccess.NotAllowed e) {
                return false;
            }
        }).toList();
        if (people.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        // Both answers are redirects to the app, which the browser checks against form-action.
        response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.allowingFormsTo(redirectSources(app)));
        model.addAttribute("appName", app.name());
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("kinds", kinds);
        model.addAttribute("launchScopes", launch);
        model.addAttribute("keep", keep);
        model.addAttribute("people", people);
        model.addAttribute("redirectHost", redirectHost(app));
        return "apps/consent";
    }

    private static @Nullable String redirectHost(Clients.App app) {
        return app.redirectUris().isEmpty() ? null
                : UriComponentsBuilder.fromUriString(app.redirectUris().getFirst()).build().getHost();
    }

    /** Where the app's registered redirect URIs lead: their origins, or their scheme for an app on a phone. */
    static List<String> redirectSources(Clients.App app) {
        return app.redirectUris().stream().map(URI::create).map(uri -> uri.getHost() == null
                ? uri.getScheme() + ":"
                : uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())).toList();
    }

    /** One kind of data the app asked for, with the scopes it stands for (sent back when ticked). */
    record Kind(String key, String scopes) {}
}
