package org.caregate.mfa.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.SignInSteps;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.internal.FullChecks;
import org.caregate.mfa.internal.Policy;
import org.caregate.mfa.internal.RememberedDevices;
import org.caregate.mfa.internal.SecondFactorPolicy;
import org.caregate.mfa.internal.TextCodes;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/** What the second-factor pages share: the person signing in, their attempt, wrong tries, and the way out. */
@Component
@ConditionalOnWebApplication
class StepFlow {

    static final String ATTEMPT = "caregate.mfa.attempt";
    static final String WRONG_TRIES = "caregate.mfa.wrongTries";
    static final String CODES_SHOWN = "caregate.mfa.recoveryCodesShown";
    /** When this session last passed a second-factor check: changes to the factors need a recent one. */
    static final String CHECKED_AT = "caregate.mfa.checkedAt";
    /** How recent a check must be for adding, removing or changing a second factor. */
    static final Duration FRESH = Duration.ofMinutes(10);
    /** Wrong authenticator-app or recovery codes one sign-in attempt may type before it must start again. */
    static final int MAX_WRONG_TRIES = 5;

    private final SignInSteps steps;
    private final RecoveryCodes recoveryCodes;
    private final SecondFactorPolicy policy;
    private final RememberedDevices remembered;
    private final FullChecks fullChecks;
    private final Clock clock;

    StepFlow(SignInSteps steps, RecoveryCodes recoveryCodes, SecondFactorPolicy policy, RememberedDevices remembered,
            FullChecks fullChecks, Clock clock) {
        this.fullChecks = fullChecks;
        this.steps = steps;
        this.recoveryCodes = recoveryCodes;
        this.policy = policy;
        this.remembered = remembered;
        this.clock = clock;
    }

    /**
     * Whether the person signing in may set a second factor up here: only while they have none (the
     * policy offers or requires one). Someone who has one must pass it first, or a stolen password
     * would be enough to add an attacker's phone or app.
     */
    boolean maySetUp(PortalUser user) {
        Policy decided = policy.decide(user);
        return decided == Policy.OFFER || decided == Policy.ENROL;
    }

    /** Where someone who may not set up goes instead: their second step. */
    String stepFor(PortalUser user) {
        return "redirect:" + policy.methods(user.accountId()).stream().findFirst()
                .map(method -> method.path(user.organizationId()))
                .orElse("/" + user.organizationId() + "/sign-in/step/set-up");
    }

    /**
     * Remembers that the session's person just passed a second-factor check (in the session, for
     * changes to their factors; for the account, for {@link org.caregate.mfa.internal.PasskeyPolicy}).
     */
    void checked(HttpSession session, PortalUser user, FullChecks.How how) {
        fullChecks.passed(user.accountId(), how);
        session.setAttribute(CHECKED_AT, clock.instant());
    }

    /** A passkey sign-in was both steps: it counts as a check for changes to the factors. */
    void checkedByPasskey(HttpSession session) {
        session.setAttribute(CHECKED_AT, clock.instant());
    }

    /** Whether the session passed a second-factor check within {@link #FRESH}. */
    boolean checkedRecently(HttpSession session) {
        return session.getAttribute(CHECKED_AT) instanceof Instant at && !at.plus(FRESH).isBefore(clock.instant());
    }

    Instant now() {
        return clock.instant();
    }

    PortalUser pendingUser(HttpServletRequest request) {
        // The security rules let only pending sessions in; one that is not (any more) is refused.
        return steps.pending(request).orElseThrow(() -> new AccessDeniedException("No sign-in under way"));
    }

    static String attempt(HttpSession session) {
        if (session.getAttribute(ATTEMPT) instanceof String attempt) {
            return attempt;
        }
        String attempt = TextCodes.newAttemptToken();
        session.setAttribute(ATTEMPT, attempt);
        return attempt;
    }

    /** Whether this attempt may still try a code (authenticator app, recovery code). */
    static boolean mayTry(HttpSession session) {
        return !(session.getAttribute(WRONG_TRIES) instanceof Integer tries) || tries < MAX_WRONG_TRIES;
    }

    /** Counts a wrong code; returns the tries left. */
    static int wrongTry(HttpSession session) {
        int tries = session.getAttribute(WRONG_TRIES) instanceof Integer counted ? counted + 1 : 1;
        session.setAttribute(WRONG_TRIES, tries);
        return Math.max(0, MAX_WRONG_TRIES - tries);
    }

    /**
     * After a first second factor was set up: the recovery codes, shown once, before the portal opens;
     * when the account already has codes, the portal opens at once.
     */
    String afterEnrolment(PortalUser user, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (recoveryCodes.remaining(user.accountId()) > 0) {
            return open(request, response);
        }
        List<String> codes = recoveryCodes.regenerate(user.accountId());
        request.getSession().setAttribute(CODES_SHOWN, Boolean.TRUE);
        model.addAttribute("codes", codes);
        return "mfa/recovery-codes";
    }

    /**
     * The second factor was passed: remembers the browser when the person asked to ("Remember this
     * device"), then opens the portal.
     *
     * @param how the factor, kept for the 90-day rule of passkeys; {@code null} when it was a passkey
     *     (after a password), which is no check by another factor
     */
    String passed(PortalUser user, FullChecks.@Nullable How how, boolean rememberThisDevice,
            HttpServletRequest request, HttpServletResponse response) {
        if (how != null) {
            fullChecks.passed(user.accountId(), how);
        }
        // After a passkey, the check proved the other factor still works; it does not make the browser
        // one that skips the second step after a password.
        if (rememberThisDevice && user.method() == SignInMethod.PASSWORD) {
            remembered.remember(user.accountId(), user.method(), request, response);
        }
        return open(request, response);
    }

    /** The steps are done: the portal opens under a new session id. */
    String open(HttpServletRequest request, HttpServletResponse response) {
        HttpSession session = request.getSession();
        session.removeAttribute(ATTEMPT);
        session.removeAttribute(WRONG_TRIES);
        session.removeAttribute(CODES_SHOWN);
        session.setAttribute(CHECKED_AT, clock.instant());
        return "redirect:" + steps.complete(request, response);
    }
}
