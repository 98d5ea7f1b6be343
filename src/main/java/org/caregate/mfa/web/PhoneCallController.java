package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.caregate.identity.PortalUser;
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
        return callView(Purpose.SIGN_IN, phone.get(), calls.state(attempt, Purpose.SIGN_IN), model);
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
            return flow.passed(user, "yes".equals(remember), request, response);
        }
        return notYet(Purpose.SIGN_IN, phone.get(), calls.state(attempt, Purpose.SIGN_IN), model, response);
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
        return callView(Purpose.ENROL, enrolling.get(), calls.state(attempt, Purpose.ENROL), model);
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
        return notYet(Purpose.ENROL, enrolling.get(), calls.state(attempt, Purpose.ENROL), model, response);
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

    /**
     * Starts proving a number by call, from the set-up page; the caller has checked the person may set
     * up. Returns the page to show.
     */
    String startEnrolment(PortalUser user, PhoneNumber phone, HttpServletRequest request, Model model, Locale locale) {
        request.getSession().setAttribute(ENROLLING_CALL, phone.e164() + " " + phone.kind().name());
        String attempt = StepFlow.attempt(request.getSession());
        placeCall(user, attempt, Purpose.ENROL, phone, user.organizationId(), model, locale, request.getRemoteAddr());
        if (model.containsAttribute("problem")) {
            return callView(Purpose.ENROL, phone, calls.state(attempt, Purpose.ENROL), model);
        }
        return "redirect:/" + user.organizationId() + "/sign-in/step/set-up/call";
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

    private String notYet(Purpose purpose, PhoneNumber phone, State state, Model model, HttpServletResponse response) {
        model.addAttribute("problem", state == State.CALLING ? "mfa.call.problem.waiting" : "mfa.call.problem.failed");
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return callView(purpose, phone, state, model);
    }

    private String callView(Purpose purpose, PhoneNumber phone, State state, Model model) {
        boolean signingIn = purpose == Purpose.SIGN_IN;
        // Signing in: the last two digits, enough to recognise the phone. Setting up: the number typed.
        model.addAttribute("phone", signingIn ? phone.e164().substring(phone.e164().length() - 2) : phone.display());
        model.addAttribute("signingIn", signingIn);
        model.addAttribute("callState", state.name());
        model.addAttribute("stepPath", signingIn ? "/sign-in/step/call" : "/sign-in/step/set-up/call");
        model.addAttribute("resendSeconds", settings.resendAfter().toSeconds());
        model.addAttribute("minutes", settings.codeLifetime().toMinutes());
        return "mfa/call";
    }

    private static Optional<PhoneNumber> enrolling(HttpSession session) {
        if (session.getAttribute(ENROLLING_CALL) instanceof String held) {
            String[] parts = held.split(" ");
            return Optional.of(new PhoneNumber(parts[0], PhoneKind.valueOf(parts[1])));
        }
        return Optional.empty();
    }
}
