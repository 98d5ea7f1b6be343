package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.caregate.identity.PortalUser;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.AuthenticatorEnrolment;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.internal.FullChecks;
import org.caregate.mfa.internal.Passkeys;
import org.caregate.identity.SignInMethod;
import org.caregate.mfa.internal.FactorHistory;
import org.caregate.mfa.internal.SecondFactorPolicy;
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
 * The second step by authenticator app or recovery code, "Try another way", setting an
 * authenticator app up, and the recovery codes shown once after a first second factor is set up.
 */
@Controller
@ConditionalOnWebApplication
class OtherMethodsController {

    private static final int MAX_CODE = 40;

    private final StepFlow flow;
    private final AuthenticatorApps apps;
    private final RecoveryCodes recoveryCodes;
    private final SecondFactorPolicy policy;

    private final FactorHistory history;

    private final Passkeys passkeys;

    OtherMethodsController(StepFlow flow, AuthenticatorApps apps, RecoveryCodes recoveryCodes, SecondFactorPolicy policy,
            FactorHistory history, Passkeys passkeys) {
        this.passkeys = passkeys;
        this.history = history;
        this.flow = flow;
        this.apps = apps;
        this.recoveryCodes = recoveryCodes;
        this.policy = policy;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/other")
    String otherWays(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        model.addAttribute("methods", policy.methods(user.accountId()));
        // A passkey also passes the step after a password (not the 90-day check after a passkey).
        model.addAttribute("passkeyStep", user.method() == SignInMethod.PASSWORD && passkeys.hasUsable(user.accountId()));
        return "mfa/other";
    }

    // The code from an authenticator app.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/app")
    String appPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!apps.isEnrolled(user.accountId())) {
            return "redirect:/" + organizationId + "/sign-in/step/other";
        }
        return "mfa/app";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/app")
    String checkApp(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            @RequestParam(defaultValue = "") String remember, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        PortalUser user = flow.pendingUser(request);
        HttpSession session = request.getSession();
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingAppCode", null, "mfa/app", model, response);
        }
        if (!StepFlow.mayTry(session)) {
            return refused("mfa.problem.tooManyTries", null, "mfa/app", model, response);
        }
        if (apps.verify(user.accountId(), code)) {
            return flow.passed(user, FullChecks.How.AUTHENTICATOR_APP, "yes".equals(remember), request, response);
        }
        history.failed(user.accountId(), SecondFactorKind.AUTHENTICATOR_APP);
        return refused("mfa.problem.wrongAppCode", new Object[] {StepFlow.wrongTry(session)}, "mfa/app", model, response);
    }

    // A recovery code.

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery")
    String recoveryPage(@PathVariable String organizationId, HttpServletRequest request) {
        flow.pendingUser(request);
        return "mfa/recovery";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery")
    String useRecoveryCode(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser user = flow.pendingUser(request);
        HttpSession session = request.getSession();
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingRecoveryCode", null, "mfa/recovery", model, response);
        }
        if (!StepFlow.mayTry(session)) {
            return refused("mfa.problem.tooManyTries", null, "mfa/recovery", model, response);
        }
        if (recoveryCodes.use(user.accountId(), code)) {
            return flow.passed(user, FullChecks.How.RECOVERY_CODE, false, request, response);
        }
        history.recoveryCodeFailed(user.accountId());
        return refused("mfa.problem.wrongRecoveryCode", new Object[] {StepFlow.wrongTry(session)}, "mfa/recovery", model,
                response);
    }

    // Setting an authenticator app up (instead of a phone).

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/app")
    String setUpAppPage(@PathVariable String organizationId, HttpServletRequest request, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        return appEnrolmentView(apps.startEnrolment(user.accountId()), model);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/set-up/app")
    String confirmApp(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        PortalUser user = flow.pendingUser(request);
        if (!flow.maySetUp(user)) {
            return flow.stepFor(user);
        }
        // A refusal keeps the key already pending (no new QR code), so the app the person just added
        // keeps working; the page offers a new QR code for starting over.
        if (code.isBlank() || code.length() > MAX_CODE) {
            return refused("mfa.problem.missingAppCode", null, appEnrolmentView(null, model), model, response);
        }
        if (!StepFlow.mayTry(request.getSession())) {
            return refused("mfa.problem.tooManyTries", null, appEnrolmentView(null, model), model, response);
        }
        return switch (apps.confirmEnrolment(user.accountId(), code)) {
            case CONFIRMED -> flow.afterEnrolment(user, request, response, model);
            case WRONG_CODE -> {
                StepFlow.wrongTry(request.getSession());
                yield refused("mfa.problem.wrongEnrolmentCode", null, appEnrolmentView(null, model), model, response);
            }
            case NOT_PENDING -> refused("mfa.problem.enrolmentExpired", null, appEnrolmentView(null, model), model,
                    response);
        };
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/recovery-codes/done")
    String recoveryCodesSaved(@PathVariable String organizationId, HttpServletRequest request,
            HttpServletResponse response) {
        flow.pendingUser(request);
        if (!Boolean.TRUE.equals(request.getSession().getAttribute(StepFlow.CODES_SHOWN))) {
            return "redirect:/" + organizationId + "/sign-in/step/set-up";
        }
        return flow.open(request, response);
    }

    private static String appEnrolmentView(@Nullable AuthenticatorEnrolment enrolment, Model model) {
        model.addAttribute("enrolment", enrolment);
        return "mfa/set-up-app";
    }

    private static String refused(String problem, @Nullable Object[] args, String view, Model model,
            HttpServletResponse response) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemArgs", args);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }
}
