package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PortalUser;
import org.caregate.mfa.internal.Passkeys;
import org.caregate.mfa.internal.RememberedDevices;
import org.caregate.mfa.internal.SecondFactorPolicy;
import org.caregate.mfa.web.PasskeyChallenges.Purpose;
import org.caregate.organization.Organizations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Adding and removing passkeys in the second-step settings. Like every change to the second factors,
 * each needs a check within the last 10 minutes and tells every contact on file. A passkey is added
 * only next to a text, call or app factor: that one is needed the day the device is lost, and is
 * asked for every 90 days.
 */
@Controller
@ConditionalOnWebApplication
class PasskeySettingsController {

    private final Passkeys passkeys;
    private final PasskeyChallenges challenges;
    private final StepFlow flow;
    private final SecondFactorPolicy policy;
    private final Organizations organizations;
    private final RememberedDevices remembered;
    private final AccountManagement accounts;

    PasskeySettingsController(Passkeys passkeys, PasskeyChallenges challenges, StepFlow flow, SecondFactorPolicy policy,
            Organizations organizations, RememberedDevices remembered, AccountManagement accounts) {
        this.accounts = accounts;
        this.passkeys = passkeys;
        this.challenges = challenges;
        this.flow = flow;
        this.policy = policy;
        this.organizations = organizations;
        this.remembered = remembered;
    }

    @PostMapping(path = "/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys/options",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    ResponseEntity<?> options(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request) {
        Optional<String> refusal = refusal(organizationId, user, request);
        if (refusal.isPresent()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                    "A passkey cannot be added now; the page says why.");
            problem.setType(URI.create("https://caregate.example/problems/passkey-not-now"));
            problem.setProperty("next", refusal.get());
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        byte[] challenge = challenges.issue(request.getSession(), Purpose.REGISTER, user.accountId());
        return ResponseEntity.ok(passkeys.creationOptions(user.accountId(), challenge,
                organizations.get(organizationId).name(), usernameOf(user), user.givenNames()));
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys")
    String add(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String credential,
            HttpServletRequest request, RedirectAttributes redirect) {
        Optional<String> refusal = refusal(organizationId, user, request);
        if (refusal.isPresent()) {
            return "redirect:" + refusal.get();
        }
        Optional<byte[]> challenge = challenges.take(request.getSession(), Purpose.REGISTER, user.accountId(), credential);
        if (challenge.isEmpty()) {
            return problem("passkey.problem.tryAgain", organizationId, redirect);
        }
        try {
            // Registering publishes SecondFactorAdded: every contact on file is told, the history shows it.
            passkeys.register(user.accountId(), challenge.get(), credential,
                    PasskeyNames.clean(name, remembered.describe(request.getHeader("User-Agent"))));
        } catch (Passkeys.NotRegistered e) {
            return problem(passkeys.count(user.accountId()) >= passkeys.limit() ? "passkey.problem.tooMany"
                    : "passkey.problem.notAdded", organizationId, redirect);
        }
        redirect.addFlashAttribute("done", "passkey.settings.done.added");
        return "redirect:" + settingsPath(organizationId);
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/second-factor/passkeys/{id}/remove")
    String remove(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request, RedirectAttributes redirect) {
        if (!flow.checkedRecently(request.getSession())) {
            return "redirect:" + settingsPath(organizationId) + "/check";
        }
        // Removing publishes SecondFactorRemoved: every contact on file is told.
        if (!passkeys.remove(user.accountId(), id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("done", "passkey.settings.done.removed");
        return "redirect:" + settingsPath(organizationId);
    }

    /** Where the person must go first, when a passkey cannot be added now. */
    private Optional<String> refusal(String organizationId, PortalUser user, HttpServletRequest request) {
        if (policy.methods(user.accountId()).isEmpty()) {
            // The settings page explains that another step comes first.
            return Optional.of(settingsPath(organizationId));
        }
        if (!flow.checkedRecently(request.getSession())) {
            return Optional.of(settingsPath(organizationId) + "/check");
        }
        return Optional.empty();
    }

    /** What the device lists the passkey under: the username the person signs in with. */
    private String usernameOf(PortalUser user) {
        return accounts.find(user.accountId()).map(Account::username).orElse(user.givenNames());
    }

    private static String settingsPath(String organizationId) {
        return "/" + organizationId + "/account/second-factor";
    }

    private static String problem(String key, String organizationId, RedirectAttributes redirect) {
        redirect.addFlashAttribute("problem", key);
        return "redirect:" + settingsPath(organizationId);
    }
}
