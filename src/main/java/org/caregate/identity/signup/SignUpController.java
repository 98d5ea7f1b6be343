package org.caregate.identity.signup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.DateTimeException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.InvalidPhoneNumber;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.platform.PublicPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /{org}/sign-up}: details (with or without an activation code), the one-time code when
 * there was none, then a username and password. Where the person stands lives in the session only.
 */
@Controller
@ConditionalOnWebApplication
class SignUpController {

    static final String ATTEMPT = "caregate.signup.attempt";

    private static final int MAX_NAME = 100;
    private static final int MAX_EMAIL = 254;
    private static final int MAX_FIELD = 40;
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[\\p{L}\\p{Nd}._@-]{3,40}");
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final SignUp signUp;
    private final Organizations organizations;
    private final SignUpSettings settings;
    private final Clock clock;

    SignUpController(SignUp signUp, Organizations organizations, SignUpSettings settings, Clock clock) {
        this.signUp = signUp;
        this.organizations = organizations;
        this.settings = settings;
        this.clock = clock;
    }

    @Bean
    static PublicPaths signUpPages() {
        return PublicPaths.of("/*/sign-up", "/*/sign-up/*");
    }

    /** The form's fields, as typed (echoed back on a refused form; never the activation code). */
    record Form(String givenNames, String familyName, String birthDay, String birthMonth, String birthYear, String email,
            String recordNumber, String mobile, String activationCode) {

        Form {
            givenNames = givenNames == null ? "" : givenNames;
            familyName = familyName == null ? "" : familyName;
            birthDay = birthDay == null ? "" : birthDay.strip();
            birthMonth = birthMonth == null ? "" : birthMonth.strip();
            birthYear = birthYear == null ? "" : birthYear.strip();
            email = email == null ? "" : email.strip();
            recordNumber = recordNumber == null ? "" : recordNumber.strip();
            mobile = mobile == null ? "" : mobile.strip();
            activationCode = activationCode == null ? "" : activationCode.strip();
        }

        static Form empty() {
            return new Form("", "", "", "", "", "", "", "", "");
        }

        @Override
        public String toString() {
            return "Form[withheld]";
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up")
    String detailsPage(@PathVariable String organizationId, Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("form", Form.empty());
        model.addAttribute("mrnLabel", organization.mrnLabel(locale));
        return "identity/sign-up";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up")
    String details(@PathVariable String organizationId, @ModelAttribute("form") Form form, HttpServletRequest request,
            HttpServletResponse response, Model model, Locale locale) {
        Organization organization = organizations.get(organizationId);
        model.addAttribute("mrnLabel", organization.mrnLabel(locale));
        // The code is never shown back: it is a secret, and the page may be cached or seen over a shoulder.
        model.addAttribute("form", new Form(form.givenNames(), form.familyName(), form.birthDay(), form.birthMonth(),
                form.birthYear(), form.email(), form.recordNumber(), form.mobile(), ""));
        if (form.givenNames().isBlank() || form.givenNames().length() > MAX_NAME) {
            return refused("identity/sign-up", "signup.problem.givenNames", "givenNames", model, response);
        }
        if (form.familyName().isBlank() || form.familyName().length() > MAX_NAME) {
            return refused("identity/sign-up", "signup.problem.familyName", "familyName", model, response);
        }
        LocalDate dateOfBirth = dateOfBirth(form);
        if (dateOfBirth == null) {
            return refused("identity/sign-up", "signup.problem.dateOfBirth", "birthDay", model, response);
        }
        if (form.email().length() > MAX_EMAIL || !EMAIL.matcher(form.email()).matches()) {
            return refused("identity/sign-up", "signup.problem.email", "email", model, response);
        }
        if (form.recordNumber().length() > MAX_FIELD) {
            return refused("identity/sign-up", "signup.problem.recordNumber", "recordNumber", model, response);
        }
        PhoneNumber mobile = null;
        if (!form.mobile().isEmpty()) {
            try {
                mobile = form.mobile().length() > MAX_FIELD ? null : PhoneNumber.parse(form.mobile(), "US", PhoneKind.MOBILE);
            } catch (InvalidPhoneNumber e) {
                mobile = null;
            }
            if (mobile == null) {
                return refused("identity/sign-up", "signup.problem.mobile", "mobile", model, response);
            }
        }
        if (form.activationCode().length() > MAX_FIELD) {
            return refused("identity/sign-up", "signup.problem.codeRefused", "activationCode", model, response,
                    organization.name());
        }
        SignUpDetails details = new SignUpDetails(form.givenNames().strip(), form.familyName().strip(), dateOfBirth,
                form.email(), form.recordNumber().isEmpty() ? null : form.recordNumber(), mobile,
                form.activationCode().isEmpty() ? null : form.activationCode());
        HttpSession session = request.getSession(true);
        session.removeAttribute(ATTEMPT);
        switch (signUp.start(details, organization, request.getRemoteAddr(), locale)) {
            case SignUp.Started.Verified verified -> {
                session.setAttribute(ATTEMPT, verified.attempt());
                return "redirect:/" + organizationId + "/sign-up/account";
            }
            case SignUp.Started.CodeSent sent -> {
                session.setAttribute(ATTEMPT, sent.attempt());
                return "redirect:/" + organizationId + "/sign-up/code";
            }
            case SignUp.Started.CodeRefused refused -> {
                return refused("identity/sign-up", "signup.problem.codeRefused", "activationCode", model, response,
                        organization.name());
            }
            case SignUp.Started.Wait wait -> {
                long minutes = Math.max(1, (wait.retryAfter().toSeconds() + 59) / 60);
                response.setHeader("Retry-After", Long.toString(Math.max(1, wait.retryAfter().toSeconds())));
                model.addAttribute("problem", "signup.problem.tooMany");
                model.addAttribute("problemArgs", new Object[] {minutes, organization.supportPhoneDisplay()});
                response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
                return "identity/sign-up";
            }
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up/code")
    String codePage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        Organization organization = organizations.get(organizationId);
        if (attempt(request, organizationId, SignUpAttempt.Stage.CODE_SENT) == null) {
            return "redirect:/" + organizationId + "/sign-up";
        }
        return codeView(organization, model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up/code")
    String enterCode(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Organization organization = organizations.get(organizationId);
        SignUpAttempt attempt = attempt(request, organizationId, SignUpAttempt.Stage.CODE_SENT);
        if (attempt == null) {
            return "redirect:/" + organizationId + "/sign-up";
        }
        codeView(organization, model);
        if (code.isBlank() || code.length() > MAX_FIELD) {
            return refused("identity/sign-up-code", "signup.problem.missingCode", "code", model, response);
        }
        switch (signUp.enter(attempt, code)) {
            case SignUp.Entered.Accepted accepted -> {
                request.getSession().setAttribute(ATTEMPT, accepted.attempt());
                return "redirect:/" + organizationId + "/sign-up/account";
            }
            case SignUp.Entered.Wrong wrong -> {
                return refused("identity/sign-up-code", "signup.problem.wrongCode", "code", model, response,
                        wrong.triesLeft());
            }
            case SignUp.Entered.NoCode none -> {
                model.addAttribute("noCode", true);
                return refused("identity/sign-up-code", "signup.problem.noCode", "code", model, response,
                        organization.supportPhoneDisplay());
            }
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up/account")
    String accountPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        organizations.get(organizationId);
        SignUpAttempt attempt = attempt(request, organizationId, SignUpAttempt.Stage.VERIFIED);
        if (attempt == null) {
            return "redirect:/" + organizationId + "/sign-up";
        }
        model.addAttribute("username", "");
        model.addAttribute("email", attempt.email());
        return "identity/sign-up-account";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up/account")
    String chooseAccount(@PathVariable String organizationId, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale, RedirectAttributes redirect) {
        Organization organization = organizations.get(organizationId);
        SignUpAttempt attempt = attempt(request, organizationId, SignUpAttempt.Stage.VERIFIED);
        if (attempt == null) {
            return "redirect:/" + organizationId + "/sign-up";
        }
        model.addAttribute("username", username);
        model.addAttribute("email", attempt.email());
        String name = username.strip();
        if (!USERNAME.matcher(name).matches()) {
            return refused("identity/sign-up-account", "signup.problem.username", "username", model, response);
        }
        if (password.isEmpty()) {
            return refused("identity/sign-up-account", "signup.problem.missingPassword", "password", model, response);
        }
        switch (signUp.finish(attempt, organization, name, password, locale)) {
            case SignUp.Finished.Opened opened -> {
                request.getSession().removeAttribute(ATTEMPT);
                redirect.addFlashAttribute("signedUp", opened.account().username());
                return "redirect:/" + organizationId + "/sign-up/done";
            }
            case SignUp.Finished.UsernameRefused taken -> {
                return refused("identity/sign-up-account", "signup.problem.usernameTaken", "username", model, response);
            }
            case SignUp.Finished.PasswordRefused weak -> {
                model.addAttribute("passwordCheck", weak.check());
                return refused("identity/sign-up-account", "signup.problem.weakPassword", "password", model, response);
            }
            case SignUp.Finished.NoLongerWorks gone -> {
                request.getSession().removeAttribute(ATTEMPT);
                model.addAttribute("startAgain", true);
                return refused("identity/sign-up-account", "signup.problem.noLongerWorks", "username", model, response,
                        organization.supportPhoneDisplay());
            }
        }
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-up/done")
    String done(@PathVariable String organizationId, Model model) {
        organizations.get(organizationId);
        if (!model.containsAttribute("signedUp")) {
            return "redirect:/" + organizationId + "/sign-in";
        }
        return "identity/sign-up-done";
    }

    private String codeView(Organization organization, Model model) {
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        return "identity/sign-up-code";
    }

    /** The date from the three fields, if it is a real date in the past and after 1900. */
    private @Nullable LocalDate dateOfBirth(Form form) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(form.birthYear()), Integer.parseInt(form.birthMonth()),
                    Integer.parseInt(form.birthDay()));
            return date.getYear() < 1900 || date.isAfter(LocalDate.now(clock)) ? null : date;
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    private static @Nullable SignUpAttempt attempt(HttpServletRequest request, String organizationId,
            SignUpAttempt.Stage stage) {
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ATTEMPT) instanceof SignUpAttempt attempt
                && attempt.organizationId().equals(organizationId) && attempt.stage() == stage) {
            return attempt;
        }
        return null;
    }

    private static String refused(String view, String problem, String field, Model model, HttpServletResponse response,
            Object... args) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemField", field);
        if (args.length > 0) {
            model.addAttribute("problemArgs", args);
        }
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }
}
