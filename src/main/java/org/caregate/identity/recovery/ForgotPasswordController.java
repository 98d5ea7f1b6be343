package org.caregate.identity.recovery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.UUID;
import org.caregate.identity.internal.Devices;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /{org}/forgot-password}: ask for a code, enter it, choose a new password. Every step is
 * tied to this browser's session; nothing secret is ever in an address.
 */
@Controller
@ConditionalOnWebApplication
class ForgotPasswordController {

    static final String SESSION_TOKEN = "caregate.recovery.resetSession";
    static final String VERIFIED_RESET = "caregate.recovery.verifiedReset";

    private static final int MAX_IDENTIFIER = 320;
    private static final int MAX_CODE = 40;

    private final PasswordReset reset;
    private final OneTimeCodes oneTimeCodes;
    private final Organizations organizations;
    private final RecoverySettings settings;

    ForgotPasswordController(PasswordReset reset, OneTimeCodes oneTimeCodes, Organizations organizations,
            RecoverySettings settings) {
        this.reset = reset;
        this.oneTimeCodes = oneTimeCodes;
        this.organizations = organizations;
        this.settings = settings;
    }

    @Bean
    static PublicPaths recoveryPages() {
        return PublicPaths.of("/*/forgot-password", "/*/forgot-password/*", "/*/forgot-username");
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password")
    String askPage(@PathVariable String organizationId) {
        organizations.get(organizationId);
        return "identity/forgot-password";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password")
    String ask(@PathVariable String organizationId, @RequestParam(defaultValue = "") String username,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("username", username);
        if (username.isBlank() || username.length() > MAX_IDENTIFIER) {
            return refused("identity/forgot-password", "recovery.problem.missingUsername", model, response);
        }
        HttpSession session = request.getSession(true);
        String token = session.getAttribute(SESSION_TOKEN) instanceof String existing ? existing : oneTimeCodes.sessionToken();
        var answer = reset.request(username.strip(), request.getRemoteAddr(), token,
                Devices.tokenOf(request), organization, locale);
        if (answer == PasswordReset.Requested.TOO_MANY) {
            model.addAttribute("problem", "recovery.problem.tooMany");
            model.addAttribute("problemArgs", new Object[] {organization.supportPhoneDisplay()});
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "identity/forgot-password";
        }
        session.setAttribute(SESSION_TOKEN, token);
        session.removeAttribute(VERIFIED_RESET);
        return "redirect:/" + organizationId + "/forgot-password/code";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password/code")
    String codePage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        organizations.get(organizationId);
        if (token(request) == null) {
            return "redirect:/" + organizationId + "/forgot-password";
        }
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        return "identity/reset-code";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password/code")
    String enterCode(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        organizations.get(organizationId);
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        String token = token(request);
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("identity/reset-code", "recovery.problem.missingCode", model, response);
        }
        PasswordReset.Entered entered = token == null ? new PasswordReset.Entered.NoCode() : reset.enter(token, code);
        switch (entered) {
            case PasswordReset.Entered.Accepted accepted -> {
                request.getSession().setAttribute(VERIFIED_RESET, accepted.resetId().toString());
                return "redirect:/" + organizationId + "/forgot-password/new-password";
            }
            case PasswordReset.Entered.Wrong wrong -> {
                model.addAttribute("problemArgs", new Object[] {wrong.triesLeft()});
                return refused("identity/reset-code", "recovery.problem.wrongCode", model, response);
            }
            case PasswordReset.Entered.NoCode none -> {
                model.addAttribute("noCode", true);
                return refused("identity/reset-code", "recovery.problem.noCode", model, response);
            }
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password/new-password")
    String newPasswordPage(@PathVariable String organizationId, HttpServletRequest request) {
        organizations.get(organizationId);
        if (token(request) == null || verified(request) == null) {
            return "redirect:/" + organizationId + "/forgot-password";
        }
        return "identity/new-password";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password/new-password")
    String choosePassword(@PathVariable String organizationId, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        organizations.get(organizationId);
        String token = token(request);
        UUID resetId = verified(request);
        if (token == null || resetId == null) {
            return "redirect:/" + organizationId + "/forgot-password";
        }
        if (password.isEmpty()) {
            return refused("identity/new-password", "recovery.problem.missingPassword", model, response);
        }
        switch (reset.finish(token, resetId, password)) {
            case PasswordReset.Finished.Changed changed -> {
                HttpSession session = request.getSession();
                session.removeAttribute(SESSION_TOKEN);
                session.removeAttribute(VERIFIED_RESET);
                redirect.addFlashAttribute("passwordReset", true);
                return "redirect:/" + organizationId + "/forgot-password/done";
            }
            case PasswordReset.Finished.Refused refused -> {
                model.addAttribute("passwordCheck", refused.check());
                return refused("identity/new-password", "recovery.problem.weakPassword", model, response);
            }
            case PasswordReset.Finished.Expired expired -> {
                request.getSession().removeAttribute(VERIFIED_RESET);
                model.addAttribute("noCode", true);
                return refused("identity/new-password", "recovery.problem.resetExpired", model, response);
            }
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-password/done")
    String done(@PathVariable String organizationId, Model model) {
        organizations.get(organizationId);
        if (!model.containsAttribute("passwordReset")) {
            return "redirect:/" + organizationId + "/sign-in";
        }
        return "identity/password-reset-done";
    }

    private static String refused(String view, String problem, Model model, HttpServletResponse response) {
        model.addAttribute("problem", problem);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }

    private static @Nullable String token(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(SESSION_TOKEN) instanceof String token ? token : null;
    }

    private static @Nullable UUID verified(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(VERIFIED_RESET) instanceof String id ? UUID.fromString(id) : null;
    }
}
