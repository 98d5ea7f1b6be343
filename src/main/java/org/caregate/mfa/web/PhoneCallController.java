package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caregate.identity.PortalUser;
import org.caregate.mfa.internal.FullChecks;
import org.caregate.mfa.internal.Factors;
import org.caregate.mfa.internal.KeyPressCalls;
import org.caregate.mfa.internal.KeyPressCalls.State;
import org.caregate.mfa.internal.MfaSettings;
import org.caregate.mfa.internal.Sent;
import org.caregate.mfa.internal.TextCodes.Purpose;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The second step by phone call, which works on landlines: we call, the call names the organisation
 * and asks for a key, and pressing it lets this sign-in go on. The page notices by itself (it asks
 * {@code …/status} every few seconds); without JavaScript the person selects "Continue" after
 * pressing the key. A call that ends without the right key fails, and the page offers to call again.
 * The same page proves a phone while setting it up ({@code /sign-in/step/set-up/call}).
 */
@Controller
@ConditionalOnWebApplication
class PhoneCallController {

    /** The number being set up for calls, while its call is under way. */
    static final String ENROLLING_CALL = "caregate.mfa.enrollingCall";
    /** The new number a signed-in person is proving by call, from settings. */
    static final String NEW_PHONE_CALL = "caregate.mfa.newPhoneCall";

    private static final String SIGN_IN = "/sign-in/step/call";
    private static final String ENROL = "/sign-in/step/set-up/call";
    private static final String CHECK = "/account/second-factor/check/call";
    private static final String NEW_PHONE = "/account/second-factor/phone/call";

    private final StepFlow flow;
    private final Factors factors;
    private final KeyPressCalls calls;
    private final Organizations organizations;
    private final MfaSettings settings;

    PhoneCallController(StepFlow flow, Factors factors, KeyPressCalls calls, Organizations organizations,
            MfaSettings settings) {
        this.flow = flow;
        this.factors = factors;
        this.calls = calls;
        this.organizations = organizations;
        this.settings = settings;
    }

    // Signing in: a call to the phone the person proved.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call")
    String callPage(@PathVariable String organizationId, HttpServletRequest request, Model model, Locale locale) {
        PortalUser user = flow.pendingUser(request);
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(request.getSession());
        if (calls.state(attempt, Purpose.SIGN_IN) == State.NONE && !model.containsAttribute("problem")) {
            placeCall(user, attempt, Purpose.SIGN_IN, phone.get(), organizationId, model, locale, request.getRemoteAddr());
        }
        return callView(Purpose.SIGN_IN, SIGN_IN, phone.get(), calls.state(attempt, Purpose.SIGN_IN), model);
    }

    @GetMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call/status", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> callStatus(@PathVariable String organizationId, HttpServletRequest request) {
        flow.pendingUser(request);
        return Map.of("state", calls.state(StepFlow.attempt(request.getSession()), Purpose.SIGN_IN).name());
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call")
    String afterCall(@PathVariable String organizationId, @RequestParam(defaultValue = "") String remember,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser user = flow.pendingUser(request);
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(request.getSession());
        if (calls.useApproval(attempt, Purpose.SIGN_IN).isPresent()) {
            return flow.passed(user, FullChecks.How.PHONE_CALL, "yes".equals(remember), request, response);
        }
        return notYet(Purpose.SIGN_IN, SIGN_IN, phone.get(), calls.state(attempt, Purpose.SIGN_IN), model, response);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/call/again")
    String callAgain(@PathVariable String organizationId, HttpServletRequest request, RedirectAttributes redirect,
            Locale locale) {
        PortalUser user = flow.pendingUser(request);
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        callAgainTo(user, StepFlow.attempt(request.getSession()), Purpose.SIGN_IN, phone.get(), organizationId, redirect,
                locale, request.getRemoteAddr());
        return "redirect:/" + organizationId + "/sign-in/step/call";
    }

    // Setting a phone up for calls: the number proves itself when the right key is pressed.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call")
    String enrolPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        Optional<PhoneNumber> enrolling = enrolling(request.getSession());
        if (enrolling.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        String attempt = StepFlow.attempt(request.getSession());
        return callView(Purpose.ENROL, ENROL, enrolling.get(), calls.state(attempt, Purpose.ENROL), model);
    }

    @GetMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call/status",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> enrolStatus(@PathVariable String organizationId, HttpServletRequest request) {
        flow.pendingUser(request);
        return Map.of("state", calls.state(StepFlow.attempt(request.getSession()), Purpose.ENROL).name());
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call")
    String afterEnrolCall(@PathVariable String organizationId, HttpServletRequest request, HttpServletResponse response,
            Model model) {
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
        Optional<PhoneNumber> proved = calls.useApproval(attempt, Purpose.ENROL);
        if (proved.isPresent()) {
            factors.savePhone(user.accountId(), proved.get(), flow.now());
            session.removeAttribute(ENROLLING_CALL);
            return flow.afterEnrolment(user, request, response, model);
        }
        return notYet(Purpose.ENROL, ENROL, enrolling.get(), calls.state(attempt, Purpose.ENROL), model, response);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/call/again")
    String enrolCallAgain(@PathVariable String organizationId, HttpServletRequest request, RedirectAttributes redirect,
            Locale locale) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        Optional<PhoneNumber> enrolling = enrolling(request.getSession());
        if (enrolling.isEmpty()) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        callAgainTo(user, StepFlow.attempt(request.getSession()), Purpose.ENROL, enrolling.get(), organizationId,
                redirect, locale, request.getRemoteAddr());
        return "redirect:/" + organizationId + "/sign-in/step/set-up/call";
    }

    // Settings, signed in: the check before a change, and a new phone proved by call.

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/start")
    String checkByCall(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        callAgainTo(user, StepFlow.attempt(request.getSession()), Purpose.SIGN_IN, phone.get(), organizationId, redirect,
                locale, request.getRemoteAddr());
        return "redirect:/" + organizationId + CHECK;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call")
    String checkCallPage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, Model model) {
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        return callView(Purpose.SIGN_IN, CHECK, phone.get(),
                calls.state(StepFlow.attempt(request.getSession()), Purpose.SIGN_IN), model);
    }

    @GetMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/status",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> checkCallStatus(@PathVariable String organizationId, HttpServletRequest request) {
        return Map.of("state", calls.state(StepFlow.attempt(request.getSession()), Purpose.SIGN_IN).name());
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call/again")
    String checkCallAgain(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        return checkByCall(organizationId, user, request, redirect, locale);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/check/call")
    String afterCheckCall(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        HttpSession session = request.getSession();
        Optional<PhoneNumber> phone = factors.phone(user.accountId());
        if (phone.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor/check";
        }
        String attempt = StepFlow.attempt(session);
        if (calls.useApproval(attempt, Purpose.SIGN_IN).isEmpty()) {
            return notYet(Purpose.SIGN_IN, CHECK, phone.get(), calls.state(attempt, Purpose.SIGN_IN), model, response);
        }
        session.removeAttribute(StepFlow.WRONG_TRIES);
        session.removeAttribute(StepFlow.ATTEMPT);
        flow.checked(session, user, FullChecks.How.PHONE_CALL);
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    /** Starts proving a new phone by call from settings; the caller has checked the recent second-factor check. */
    String startPhoneChange(PortalUser user, PhoneNumber phone, HttpServletRequest request, Model model, Locale locale) {
        request.getSession().setAttribute(NEW_PHONE_CALL, phone.e164() + " " + phone.kind().name());
        String attempt = StepFlow.attempt(request.getSession());
        placeCall(user, attempt, Purpose.ENROL, phone, user.organizationId(), model, locale, request.getRemoteAddr());
        if (model.containsAttribute("problem")) {
            return callView(Purpose.ENROL, NEW_PHONE, phone, calls.state(attempt, Purpose.ENROL), model);
        }
        return "redirect:/" + user.organizationId() + NEW_PHONE;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call")
    String newPhoneCallPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        HttpSession session = request.getSession();
        Optional<PhoneNumber> changing = newPhoneBeingProved(session);
        if (changing.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor";
        }
        return callView(Purpose.ENROL, NEW_PHONE, changing.get(), calls.state(StepFlow.attempt(session), Purpose.ENROL),
                model);
    }

    @GetMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call/status",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> newPhoneCallStatus(@PathVariable String organizationId, HttpServletRequest request) {
        return Map.of("state", calls.state(StepFlow.attempt(request.getSession()), Purpose.ENROL).name());
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call/again")
    String newPhoneCallAgain(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect, Locale locale) {
        HttpSession session = request.getSession();
        Optional<PhoneNumber> changing = newPhoneBeingProved(session);
        if (changing.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor";
        }
        callAgainTo(user, StepFlow.attempt(session), Purpose.ENROL, changing.get(), organizationId, redirect, locale,
                request.getRemoteAddr());
        return "redirect:/" + organizationId + NEW_PHONE;
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/phone/call")
    String afterNewPhoneCall(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        HttpSession session = request.getSession();
        Optional<PhoneNumber> changing = newPhoneBeingProved(session);
        if (changing.isEmpty()) {
            return "redirect:/" + organizationId + "/account/second-factor";
        }
        String attempt = StepFlow.attempt(session);
        Optional<PhoneNumber> proved = calls.useApproval(attempt, Purpose.ENROL);
        if (proved.isEmpty()) {
            return notYet(Purpose.ENROL, NEW_PHONE, changing.get(), calls.state(attempt, Purpose.ENROL), model, response);
        }
        // Saving publishes SecondFactorAdded: every contact on file is told, remembered browsers forgotten.
        factors.savePhone(user.accountId(), proved.get(), flow.now());
        session.removeAttribute(NEW_PHONE_CALL);
        redirect.addFlashAttribute("done", "mfa.settings.phoneChanged");
        return "redirect:/" + organizationId + "/account/second-factor";
    }

    /**
     * Starts proving a number by call, from the set-up page; the caller has checked the person may set
     * up. Returns the page to show.
     */
    String startEnrolment(PortalUser user, PhoneNumber phone, HttpServletRequest request, Model model, Locale locale) {
        request.getSession().setAttribute(ENROLLING_CALL, phone.e164() + " " + phone.kind().name());
        String attempt = StepFlow.attempt(request.getSession());
        placeCall(user, attempt, Purpose.ENROL, phone, user.organizationId(), model, locale, request.getRemoteAddr());
        if (model.containsAttribute("problem")) {
            return callView(Purpose.ENROL, ENROL, phone, calls.state(attempt, Purpose.ENROL), model);
        }
        return "redirect:/" + user.organizationId() + ENROL;
    }

    private void placeCall(PortalUser user, String attempt, Purpose purpose, PhoneNumber phone, String organizationId,
            Model model, Locale locale, String clientAddress) {
        Sent sent = place(user, attempt, purpose, phone, organizationId, locale, clientAddress);
        if (!(sent instanceof Sent.Yes) && !(sent instanceof Sent.TooSoon)) {
            model.addAttribute("problem", SendRefusals.problem(sent));
            model.addAttribute("problemArgs", SendRefusals.arguments(sent, organizations.get(organizationId), settings));
        }
    }

    private void callAgainTo(PortalUser user, String attempt, Purpose purpose, PhoneNumber phone, String organizationId,
            RedirectAttributes redirect, Locale locale, String clientAddress) {
        Sent sent = place(user, attempt, purpose, phone, organizationId, locale, clientAddress);
        if (sent instanceof Sent.Yes) {
            redirect.addFlashAttribute("calledAgain", true);
        } else {
            redirect.addFlashAttribute("problem", SendRefusals.problem(sent));
            redirect.addFlashAttribute("problemArgs", SendRefusals.arguments(sent, organizations.get(organizationId), settings));
        }
    }

    private Sent place(PortalUser user, String attempt, Purpose purpose, PhoneNumber phone, String organizationId,
            Locale locale, String clientAddress) {
        Organization organization = organizations.get(organizationId);
        return calls.call(user.accountId(), attempt, purpose, phone, organization.name(),
                organization.supportPhoneDisplay(), locale, clientAddress);
    }

    private String notYet(Purpose purpose, String stepPath, PhoneNumber phone, State state, Model model,
            HttpServletResponse response) {
        model.addAttribute("problem", state == State.CALLING ? "mfa.call.problem.waiting" : "mfa.call.problem.failed");
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return callView(purpose, stepPath, phone, state, model);
    }

    /**
     * The call page for one of the four places it serves ({@code stepPath}): the sign-in step, set-up
     * at sign-in, the check before a change in settings, a new phone in settings.
     */
    private String callView(Purpose purpose, String stepPath, PhoneNumber phone, State state, Model model) {
        boolean proving = purpose == Purpose.ENROL;
        // A phone on file: its last two digits, enough to recognise it. A new one: the number typed.
        model.addAttribute("phone", proving ? phone.display() : phone.e164().substring(phone.e164().length() - 2));
        model.addAttribute("proving", proving);
        model.addAttribute("rememberOffered", SIGN_IN.equals(stepPath));
        model.addAttribute("backPath", switch (stepPath) {
            case SIGN_IN -> "/sign-in/step/other";
            case ENROL -> "/sign-in/step/set-up";
            case CHECK -> "/account/second-factor/check";
            default -> "/account/second-factor/phone";
        });
        model.addAttribute("backLabel", switch (stepPath) {
            case SIGN_IN -> "mfa.other.link";
            case CHECK -> "mfa.check.another";
            default -> "mfa.confirm.otherNumber";
        });
        model.addAttribute("callState", state.name());
        model.addAttribute("stepPath", stepPath);
        model.addAttribute("resendSeconds", settings.resendAfter().toSeconds());
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        return "mfa/call";
    }

    /** The new number a signed-in person is proving by call, while their last second-factor check is recent. */
    private Optional<PhoneNumber> newPhoneBeingProved(HttpSession session) {
        return flow.checkedRecently(session) ? held(session, NEW_PHONE_CALL) : Optional.empty();
    }

    private static Optional<PhoneNumber> enrolling(HttpSession session) {
        return held(session, ENROLLING_CALL);
    }

    private static Optional<PhoneNumber> held(HttpSession session, String attribute) {
        if (session.getAttribute(attribute) instanceof String held) {
            String[] parts = held.split(" ");
            return Optional.of(new PhoneNumber(parts[0], PhoneKind.valueOf(parts[1])));
        }
        return Optional.empty();
    }
}
