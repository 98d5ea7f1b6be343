package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Optional;
import org.caregate.identity.PortalUser;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.internal.FullChecks;
import org.caregate.mfa.internal.FactorHistory;
import org.caregate.mfa.internal.Factors;
import org.caregate.mfa.internal.MfaSettings;
import org.caregate.mfa.internal.Policy;
import org.caregate.mfa.internal.SecondFactorPolicy;
import org.caregate.mfa.internal.Sent;
import org.caregate.mfa.internal.TextCodes;
import org.caregate.mfa.internal.TextCodes.Purpose;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The steps between a right password and the portal: the code sent by text to the phone the person
 * proved, and setting that phone up (required from the organisation's date, offered before it).
 * Only a session with a pending sign-in reaches these pages (the security rules see to that).
 */
@Controller
@ConditionalOnWebApplication
class SecondFactorController {

    private static final String ENROLLING = "caregate.mfa.enrolling";
    private static final int MAX_CODE = 40;
    private static final int MAX_PHONE = 40;

    private final StepFlow flow;
    private final Factors factors;
    private final TextCodes codes;
    private final SecondFactorPolicy policy;
    private final Organizations organizations;
    private final MfaSettings settings;
    private final PhoneCallController phoneCalls;
    private final FactorHistory history;

    SecondFactorController(StepFlow flow, Factors factors, TextCodes codes, SecondFactorPolicy policy,
            Organizations organizations, MfaSettings settings, PhoneCallController phoneCalls, FactorHistory history) {
        this.flow = flow;
        this.factors = factors;
        this.codes = codes;
        this.policy = policy;
        this.organizations = organizations;
        this.settings = settings;
        this.phoneCalls = phoneCalls;
        this.history = history;
    }

    // The code, for a person who has a phone set up.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code")
    String codePage(@PathVariable String organizationId, HttpServletRequest request, Model model, Locale locale) {
        PortalUser user = flow.pendingUser(request);
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(request.getSession());
        if (codes.liveCodeSentTo(attempt, Purpose.SIGN_IN).isEmpty() && !model.containsAttribute("problem")) {
            send(user, attempt, Purpose.SIGN_IN, phone.get(), organizationId, model, locale, request.getRemoteAddr());
        }
        return codeView(phone.get(), model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code")
    String checkCode(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String remember, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser user = flow.pendingUser(request);
        PhoneNumber phone = factors.phone(user.accountId()).orElse(null);
        if (phone == null) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(request.getSession());
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingCode", null, codeView(phone, model), model, response);
        }
        return switch (codes.check(attempt, Purpose.SIGN_IN, code)) {
            case RIGHT -> flow.passed(user, FullChecks.How.TEXT_MESSAGE, "yes".equals(remember), request, response);
            case WRONG -> {
                history.failed(user.accountId(), SecondFactorKind.TEXT_MESSAGE);
                yield refused("mfa.problem.wrongCode", new Object[] {codes.triesLeft(attempt, Purpose.SIGN_IN)},
                        codeView(phone, model), model, response);
            }
            case NONE -> refused("mfa.problem.noCode", null, codeView(phone, model), model, response);
        };
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/code/resend")
    String resend(@PathVariable String organizationId, HttpServletRequest request, RedirectAttributes redirect,
            Locale locale) {
        PortalUser user = flow.pendingUser(request);
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        resendTo(user, StepFlow.attempt(request.getSession()), Purpose.SIGN_IN, phone.get(), organizationId, redirect,
                locale, request.getRemoteAddr());
        return "redirect:/" + organizationId + "/sign-in/step/code";
    }

    // Setting a phone up.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up")
    String setUpPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        return setUpView(user, "", model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up")
    String setUp(@PathVariable String organizationId, @RequestParam(defaultValue = "") String phone,
            @RequestParam(defaultValue = "text") String how, HttpServletRequest request, HttpServletResponse response,
            Model model, Locale locale) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        boolean byCall = "call".equals(how);
        model.addAttribute("how", byCall ? "call" : "text");
        if (phone.isBlank() || phone.length() > MAX_PHONE) {
            return refused(byCall ? "mfa.problem.missingAnyPhone" : "mfa.problem.missingPhone", null,
                    setUpView(user, phone, model), model, response);
        }
        if (byCall) {
            Optional<PhoneNumber> callable = callable(phone);
            if (callable.isEmpty()) {
                return refused("mfa.problem.badAnyPhone", null, setUpView(user, phone, model), model, response);
            }
            String page = phoneCalls.startEnrolment(user, callable.get(), request, model, locale);
            if (model.containsAttribute("problem")) {
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
            return page;
        }
        PhoneNumber mobile;
        try {
            mobile = PhoneNumber.parse(phone, "US", PhoneKind.MOBILE);
        } catch (InvalidPhoneNumber e) {
            return refused("mfa.problem.badPhone", null, setUpView(user, phone, model), model, response);
        }
        HttpSession session = request.getSession();
        session.setAttribute(ENROLLING, mobile.e164());
        String attempt = StepFlow.attempt(session);
        send(user, attempt, Purpose.ENROL, mobile, organizationId, model, locale, request.getRemoteAddr());
        if (model.containsAttribute("problem")) {
            return setUpView(user, phone, model);
        }
        return "redirect:/" + organizationId + "/sign-in/step/set-up/confirm";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/confirm")
    String confirmPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        Optional<PhoneNumber> enrolling = enrolling(request.getSession());
        if (enrolling.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        return confirmView(enrolling.get(), model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/confirm")
    String confirm(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        HttpSession session = request.getSession();
        Optional<PhoneNumber> enrolling = enrolling(session);
        if (enrolling.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(session);
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingCode", null, confirmView(enrolling.get(), model), model, response);
        }
        return switch (codes.check(attempt, Purpose.ENROL, code)) {
            case RIGHT -> {
                factors.savePhone(user.accountId(), enrolling.get(), policy.now());
                session.removeAttribute(ENROLLING);
                yield flow.afterEnrolment(user, request, response, model);
            }
            case WRONG -> refused("mfa.problem.wrongCode", new Object[] {codes.triesLeft(attempt, Purpose.ENROL)},
                    confirmView(enrolling.get(), model), model, response);
            case NONE -> refused("mfa.problem.noCode", null, confirmView(enrolling.get(), model), model, response);
        };
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/resend")
    String resendEnrolment(@PathVariable String organizationId, HttpServletRequest request, RedirectAttributes redirect,
            Locale locale) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        Optional<PhoneNumber> enrolling = enrolling(request.getSession());
        if (enrolling.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        resendTo(user, StepFlow.attempt(request.getSession()), Purpose.ENROL, enrolling.get(), organizationId, redirect,
                locale, request.getRemoteAddr());
        return "redirect:/" + organizationId + "/sign-in/step/set-up/confirm";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/not-now")
    String notNow(@PathVariable String organizationId, HttpServletRequest request, HttpServletResponse response) {
        PortalUser user = flow.pendingUser(request);
        if (policy.decide(user) != Policy.OFFER) {
            // Required now (or already set up): "not now" is no longer a choice.
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        factors.decline(user.accountId(), policy.now());
        return flow.open(request, response);
    }

    /** Sends a code as the page is shown; a refusal is shown on it (a wait right after a code is not). */
    private void send(PortalUser user, String attempt, Purpose purpose, PhoneNumber phone, String organizationId,
            Model model, Locale locale, String clientAddress) {
        Organization organization = organizations.get(organizationId);
        Sent sent = codes.send(user.accountId(), attempt, purpose, phone, organization.name(), locale,
                clientAddress);
        if (sent instanceof Sent.Yes) {
            model.addAttribute("sent", true);
        } else if (!(sent instanceof Sent.TooSoon)) {
            model.addAttribute("problem", SendRefusals.problem(sent));
            model.addAttribute("problemArgs", SendRefusals.arguments(sent, organization, settings));
        }
    }

    /** "Resend code": the answer goes with the redirect back to the page. */
    private void resendTo(PortalUser user, String attempt, Purpose purpose, PhoneNumber phone, String organizationId,
            RedirectAttributes redirect, Locale locale, String clientAddress) {
        Organization organization = organizations.get(organizationId);
        Sent sent = codes.send(user.accountId(), attempt, purpose, phone, organization.name(), locale,
                clientAddress);
        if (sent instanceof Sent.Yes) {
            redirect.addFlashAttribute("resent", true);
        } else {
            redirect.addFlashAttribute("problem", SendRefusals.problem(sent));
            redirect.addFlashAttribute("problemArgs", SendRefusals.arguments(sent, organization, settings));
        }
    }

    private String codeView(PhoneNumber phone, Model model) {
        // The last two digits: enough to recognise the phone, not enough to learn the number.
        model.addAttribute("phone", phone.e164().substring(phone.e164().length() - 2));
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        model.addAttribute("resendSeconds", settings.resendAfter().toSeconds());
        return "mfa/code";
    }

    private String confirmView(PhoneNumber phone, Model model) {
        model.addAttribute("phone", phone.display());
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        model.addAttribute("resendSeconds", settings.resendAfter().toSeconds());
        return "mfa/set-up-confirm";
    }

    private String setUpView(PortalUser user, String typed, Model model) {
        model.addAttribute("typed", typed);
        if (!model.containsAttribute("how")) {
            model.addAttribute("how", "text");
        }
        model.addAttribute("mayDecline", policy.decide(user) == Policy.OFFER);
        model.addAttribute("requiredFrom", policy.requiredFrom(user).orElse(null));
        return "mfa/set-up";
    }

    private static String refused(String problem, @Nullable Object[] args, String view, Model model, HttpServletResponse response) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemArgs", args);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }

    /**
     * A number for calls: a landline (calls only, so no code is ever texted to it), or a mobile when
     * the numbering plan says it can only be one.
     */
    static Optional<PhoneNumber> callable(String typed) {
        try {
            return Optional.of(PhoneNumber.parse(typed, "US", PhoneKind.LANDLINE));
        } catch (InvalidPhoneNumber notALandline) {
            try {
                return Optional.of(PhoneNumber.parse(typed, "US", PhoneKind.MOBILE));
            } catch (InvalidPhoneNumber notANumber) {
                return Optional.empty();
            }
        }
    }

    private static Optional<PhoneNumber> enrolling(HttpSession session) {
        return session.getAttribute(ENROLLING) instanceof String e164
                ? Optional.of(new PhoneNumber(e164, PhoneKind.MOBILE)) : Optional.empty();
    }
}
