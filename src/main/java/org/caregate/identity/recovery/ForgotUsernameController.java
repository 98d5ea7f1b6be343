package org.caregate.identity.recovery;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.InvalidPhoneNumber;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /{org}/forgot-username}: the person types their e-mail address or phone number; the
 * usernames go there, and the page answers the same whether or not an account uses it.
 */
@Controller
@ConditionalOnWebApplication
class ForgotUsernameController {

    private static final int MAX_CONTACT = 320;

    private final UsernameReminders reminders;
    private final Organizations organizations;

    ForgotUsernameController(UsernameReminders reminders, Organizations organizations) {
        this.reminders = reminders;
        this.organizations = organizations;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-username")
    String page(@PathVariable String organizationId) {
        organizations.get(organizationId);
        return "identity/forgot-username";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/forgot-username")
    String remind(@PathVariable String organizationId, @RequestParam(defaultValue = "") String contact,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("contact", contact);
        String typed = contact.strip();
        if (typed.isEmpty() || typed.length() > MAX_CONTACT) {
            return refused("recovery.problem.missingContact", model, response);
        }
        boolean answered;
        if (typed.contains("@")) {
            if (!typed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                return refused("recovery.problem.notEmail", model, response);
            }
            answered = reminders.remindByEmail(typed, request.getRemoteAddr(), organization, locale);
        } else {
            PhoneNumber phone = phone(typed);
            if (phone == null) {
                return refused("recovery.problem.notPhone", model, response);
            }
            answered = reminders.remindByPhone(phone, request.getRemoteAddr(), organization, locale);
        }
        if (!answered) {
            model.addAttribute("problem", "recovery.problem.tooMany");
            model.addAttribute("problemArgs", new Object[] {organization.supportPhoneDisplay()});
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return "identity/forgot-username";
        }
        return "redirect:/" + organizationId + "/forgot-username?sent";
    }

    /** A number as typed, mobile or landline (only the kind on file decides how it is reached). */
    private static @Nullable PhoneNumber phone(String typed) {
        for (PhoneKind kind : PhoneKind.values()) {
            try {
                return PhoneNumber.parse(typed, "US", kind);
            } catch (InvalidPhoneNumber e) {
                // try the other kind
            }
        }
        return null;
    }

    private static String refused(String problem, Model model, HttpServletResponse response) {
        model.addAttribute("problem", problem);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return "identity/forgot-username";
    }
}
