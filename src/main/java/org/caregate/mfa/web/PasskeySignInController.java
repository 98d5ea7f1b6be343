package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SecurityNotices;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.SignInSteps;
import org.caregate.mfa.internal.FactorHistory;
import org.caregate.mfa.internal.PasskeyPolicy;
import org.caregate.mfa.internal.Passkeys;
import org.caregate.mfa.internal.Passkeys.SignIn;
import org.caregate.mfa.internal.RememberedDevices;
import org.caregate.mfa.web.PasskeyChallenges.Purpose;
import org.caregate.organization.Organizations;
import org.caregate.platform.PublicPaths;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Sign in with face or fingerprint" on each organisation's sign-in page and on the staff page, and
 * the staff steps when passkeys are required for staff. The browser first asks for options (a
 * challenge), then the page sends the passkey's answer as an ordinary form field, so every outcome is
 * an ordinary page.
 */
@Controller
@ConditionalOnWebApplication
class PasskeySignInController {

    private final Passkeys passkeys;
    private final PasskeyChallenges challenges;
    private final SignInSteps steps;
    private final StepFlow flow;
    private final FactorHistory history;
    private final SecurityNotices notices;
    private final Organizations organizations;
    private final RememberedDevices remembered;
    private final AccountManagement accounts;

    PasskeySignInController(Passkeys passkeys, PasskeyChallenges challenges, SignInSteps steps, StepFlow flow,
            FactorHistory history, SecurityNotices notices, Organizations organizations, RememberedDevices remembered,
            AccountManagement accounts) {
        this.accounts = accounts;
        this.remembered = remembered;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.steps = steps;
        this.flow = flow;
        this.history = history;
        this.notices = notices;
        this.organizations = organizations;
    }

    @Bean
    static PublicPaths passkeySignInPaths() {
        return PublicPaths.of("/*/sign-in/passkey", "/*/sign-in/passkey/options");
    }

    // Sign-in with a passkey instead of the password: an organisation's page, the staff page.

    @PostMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/sign-in/passkey/options",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> signInOptions(@PathVariable String organizationId, HttpServletRequest request) {
        if (!"staff".equals(organizationId)) {
            organizations.get(organizationId);
        }
        return passkeys.requestOptions(challenges.issue(request.getSession(), Purpose.SIGN_IN, null), null);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/passkey")
    String signIn(@PathVariable String organizationId, @RequestParam(defaultValue = "") String credential,
            HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        boolean staff = "staff".equals(organizationId);
        String page = staff ? "/staff/sign-in" : organizations.get(organizationId).signInPath();
        HttpSession session = request.getSession();
        Optional<byte[]> challenge = challenges.take(session, Purpose.SIGN_IN, null, credential);
        if (challenge.isEmpty()) {
            return problem("passkey.problem.tryAgain", page, redirect);
        }
        return answer(passkeys.verify(challenge.get(), credential, null), page, redirect, verified -> {
            Optional<String> next = steps.start(verified.account(), staff ? null : organizationId, SignInMethod.PASSKEY,
                    request, response);
            if (next.isEmpty()) {
                return problem(staff ? "signIn.problem.patientOnStaffPage" : "signIn.problem.staffOnPatientPage", page,
                        redirect);
            }
            if (steps.pending(request).isEmpty()) {
                // The passkey was both steps: changes to second factors need no other check for now.
                flow.checkedByPasskey(request.getSession());
            }
            return "redirect:" + next.get();
        });
    }

    // A passkey as the second step after a password ("Try another way").

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey")
    String patientStep(@PathVariable String organizationId, HttpServletRequest request) {
        PortalUser user = flow.pendingUser(request);
        return mayUsePasskeyStep(user) ? "mfa/passkey-step" : flow.stepFor(user);
    }

    @PostMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey/options",
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> patientStepOptions(@PathVariable String organizationId, HttpServletRequest request) {
        PortalUser user = flow.pendingUser(request);
        if (!mayUsePasskeyStep(user)) {
            throw new AccessDeniedException("No passkey step for this sign-in");
        }
        return passkeys.requestOptions(challenges.issue(request.getSession(), Purpose.STEP, user.accountId()),
                user.accountId());
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/sign-in/step/passkey")
    String patientStepDone(@PathVariable String organizationId, @RequestParam(defaultValue = "") String credential,
            @RequestParam(defaultValue = "") String remember, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        PortalUser user = flow.pendingUser(request);
        if (!mayUsePasskeyStep(user)) {
            return flow.stepFor(user);
        }
        String page = "/" + organizationId + "/sign-in/step/passkey";
        Optional<byte[]> challenge = challenges.take(request.getSession(), Purpose.STEP, user.accountId(), credential);
        if (challenge.isEmpty()) {
            return problem("passkey.problem.tryAgain", page, redirect);
        }
        return answer(passkeys.verify(challenge.get(), credential, user.accountId()), page, redirect,
                verified -> flow.passed(user, null, "yes".equals(remember), request, response));
    }

    /**
     * A passkey may be the second step after a password; not the check a passkey sign-in needs every
     * 90 days, which is there to prove the other factor.
     */
    private boolean mayUsePasskeyStep(PortalUser user) {
        return user.method() == SignInMethod.PASSWORD && user.organizationId() != null
                && passkeys.hasUsable(user.accountId());
    }

    // Staff who must use a passkey, after their password.

    @GetMapping("/staff/sign-in/step/passkey")
    String staffStep(HttpServletRequest request, Model model) {
        PortalUser user = staffUser(request);
        model.addAttribute("setUp", false);
        return passkeys.hasUsable(user.accountId()) ? "mfa/staff-passkey" : "redirect:" + setUpPath();
    }

    @PostMapping(path = "/staff/sign-in/step/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> staffStepOptions(HttpServletRequest request) {
        PortalUser user = staffUser(request);
        return passkeys.requestOptions(challenges.issue(request.getSession(), Purpose.STEP, user.accountId()),
                user.accountId());
    }

    @PostMapping("/staff/sign-in/step/passkey")
    String staffStepDone(@RequestParam(defaultValue = "") String credential, HttpServletRequest request,
            HttpServletResponse response, RedirectAttributes redirect) {
        PortalUser user = staffUser(request);
        String page = PasskeyPolicy.StaffStep.USE_PASSKEY.path();
        Optional<byte[]> challenge = challenges.take(request.getSession(), Purpose.STEP, user.accountId(), credential);
        if (challenge.isEmpty()) {
            return problem("passkey.problem.tryAgain", page, redirect);
        }
        return answer(passkeys.verify(challenge.get(), credential, user.accountId()), page, redirect,
                verified -> "redirect:" + steps.complete(request, response));
    }

    @GetMapping("/staff/sign-in/step/passkey/set-up")
    String staffSetUp(HttpServletRequest request, Model model) {
        PortalUser user = staffUser(request);
        if (passkeys.hasUsable(user.accountId())) {
            // One passkey is set up: it must be used, not another added with the password alone.
            return "redirect:" + PasskeyPolicy.StaffStep.USE_PASSKEY.path();
        }
        model.addAttribute("setUp", true);
        return "mfa/staff-passkey";
    }

    @PostMapping(path = "/staff/sign-in/step/passkey/set-up/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, Object> staffSetUpOptions(HttpServletRequest request) {
        PortalUser user = staffUser(request);
        if (passkeys.hasUsable(user.accountId())) {
            throw new AccessDeniedException("A passkey is set up already");
        }
        byte[] challenge = challenges.issue(request.getSession(), Purpose.REGISTER, user.accountId());
        String username = accounts.find(user.accountId()).map(Account::username).orElse(user.givenNames());
        return passkeys.creationOptions(user.accountId(), challenge, "Caregate staff", username, username);
    }

    @PostMapping("/staff/sign-in/step/passkey/set-up")
    String staffSetUpDone(@RequestParam(defaultValue = "") String credential,
            @RequestParam(defaultValue = "") String name, HttpServletRequest request, HttpServletResponse response,
            RedirectAttributes redirect) {
        PortalUser user = staffUser(request);
        if (passkeys.hasUsable(user.accountId())) {
            return "redirect:" + PasskeyPolicy.StaffStep.USE_PASSKEY.path();
        }
        Optional<byte[]> challenge = challenges.take(request.getSession(), Purpose.REGISTER, user.accountId(), credential);
        String page = PasskeyPolicy.StaffStep.SET_UP_PASSKEY.path();
        if (challenge.isEmpty()) {
            return problem("passkey.problem.tryAgain", page, redirect);
        }
        try {
            passkeys.register(user.accountId(), challenge.get(), credential,
                    PasskeyNames.clean(name, remembered.describe(request.getHeader("User-Agent"))));
        } catch (Passkeys.NotRegistered e) {
            return problem("passkey.problem.notAdded", page, redirect);
        }
        return "redirect:" + steps.complete(request, response);
    }

    private PortalUser staffUser(HttpServletRequest request) {
        PortalUser user = flow.pendingUser(request);
        if (user.kind() != AccountKind.STAFF) {
            throw new AccessDeniedException("Not a staff sign-in");
        }
        return user;
    }

    private static String setUpPath() {
        return PasskeyPolicy.StaffStep.SET_UP_PASSKEY.path();
    }

    /** Where the browser goes after a passkey's answer: {@code verified} decides; a refusal goes back to {@code page}. */
    private String answer(SignIn result, String page, RedirectAttributes redirect,
            Function<SignIn.Verified, String> verified) {
        return switch (result) {
            case SignIn.Verified ok -> verified.apply(ok);
            case SignIn.Refused refused -> refused(refused.account(), page, redirect);
            case SignIn.Flagged flagged -> flagged(flagged.account(), page, redirect);
        };
    }

    private String refused(@Nullable AccountId account, String page, RedirectAttributes redirect) {
        if (account != null) {
            history.passkeyRefused(account);
        }
        return problem("passkey.problem.refused", page, redirect);
    }

    private String flagged(AccountId account, String page, RedirectAttributes redirect) {
        history.passkeyFlagged(account);
        notices.tell(account, "mfa.notice.passkeyFlagged");
        return problem("passkey.problem.flagged", page, redirect);
    }

    private static String problem(String key, String page, RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", key);
        return "redirect:" + page;
    }
}
