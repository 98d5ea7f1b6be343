package org.caregate.identity.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.internal.Devices;
import org.caregate.identity.internal.PasswordSignIn;
import org.caregate.identity.internal.SignInOutcome;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in pages: each organisation's, and the staff page. */
@Controller
@ConditionalOnWebApplication
class SignInController {

    /** Longer than any real password, short enough that hashing it costs nothing extra. */
    private static final int MAX_PASSWORD = 1024;
    private static final int MAX_IDENTIFIER = 320;

    private final PasswordSignIn signIn;
    private final SessionStart sessions;
    private final Organizations organizations;

    SignInController(PasswordSignIn signIn, SessionStart sessions, Organizations organizations) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.organizations = organizations;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in")
    String signInPage(@PathVariable String organizationId, Model model) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("otherOrganizations",
                organizations.all().stream().filter(o -> !o.id().equals(organization.id())).toList());
        return "identity/sign-in";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in")
    String signIn(@PathVariable String organizationId, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("otherOrganizations",
                organizations.all().stream().filter(o -> !o.id().equals(organization.id())).toList());
        model.addAttribute("username", username);
        if (username.isBlank() || password.isEmpty()) {
            model.addAttribute("problem", "signIn.problem.missing");
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/sign-in";
        }
        if (username.length() > MAX_IDENTIFIER || password.length() > MAX_PASSWORD) {
            model.addAttribute("problem", "signIn.problem.refused");
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/sign-in";
        }
        SignInOutcome outcome = signIn.attempt(organizationId, username, password, request.getRemoteAddr(),
                Devices.tokenOf(request), request.getHeader("User-Agent"));
        if (outcome instanceof SignInOutcome.Succeeded succeeded) {
            return "redirect:" + sessions.start(succeeded.account(), succeeded.organizationId(),
                    succeeded.wrongPortal() ? organization.name() : null, SignInMethod.PASSWORD, request, response);
        }
        return refused(outcome, "identity/sign-in", organization.supportPhoneDisplay(), model, response);
    }

    @GetMapping("/staff/sign-in")
    String staffSignInPage() {
        return "identity/staff-sign-in";
    }

    @PostMapping("/staff/sign-in")
    String staffSignIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("username", username);
        if (username.isBlank() || password.isEmpty() || username.length() > MAX_IDENTIFIER
                || password.length() > MAX_PASSWORD) {
            model.addAttribute("problem", "signIn.problem.missing");
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return "identity/staff-sign-in";
        }
        SignInOutcome outcome = signIn.attempt(null, username, password, request.getRemoteAddr(),
                Devices.tokenOf(request), request.getHeader("User-Agent"));
        if (outcome instanceof SignInOutcome.Succeeded succeeded) {
            return "redirect:" + sessions.start(succeeded.account(), null, null, SignInMethod.PASSWORD, request, response);
        }
        return refused(outcome, "identity/staff-sign-in", "", model, response);
    }

    private static String refused(SignInOutcome outcome, String view, String supportPhone, Model model,
            HttpServletResponse response) {
        switch (outcome) {
            case SignInOutcome.TooSoon tooSoon -> {
                model.addAttribute("problem", "signIn.problem.tooSoon");
                model.addAttribute("problemArgs", new Object[] {Math.max(1, tooSoon.retryAfter().toSeconds())});
                response.setHeader("Retry-After", Long.toString(Math.max(1, tooSoon.retryAfter().toSeconds())));
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            }
            case SignInOutcome.Locked locked -> {
                model.addAttribute("problem", supportPhone.isEmpty() ? "signIn.problem.lockedStaff" : "signIn.problem.locked");
                model.addAttribute("problemArgs", new Object[] {minutesLeft(locked.remaining()), supportPhone});
                response.setHeader("Retry-After", Long.toString(Math.max(1, locked.remaining().toSeconds())));
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            }
            case SignInOutcome.WrongKindOfPage wrongPage -> {
                model.addAttribute("problem", view.contains("staff") ? "signIn.problem.patientOnStaffPage"
                        : "signIn.problem.staffOnPatientPage");
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
            default -> {
                model.addAttribute("problem", "signIn.problem.refused");
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
        }
        return view;
    }

    /** Whole minutes, rounded up: "1 minute" while any time is left. */
    static long minutesLeft(Duration remaining) {
        return Math.max(1, (remaining.toSeconds() + 59) / 60);
    }
}
