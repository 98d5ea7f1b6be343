package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.caregate.identity.Account;
import org.caregate.identity.AccountKind;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PasswordRefused;
import org.caregate.identity.PortalUser;
import org.caregate.identity.UsernameTaken;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.platform.PublicPaths;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /{org}/invitation}: the invitee types the code from the e-mail (signed in or not). A right
 * code shows who invited them and what access; the invitation's id then waits in the session (which
 * keeps its attributes when signing in renews its id), so the person can sign in, or create an
 * account on the spot, and come back to accept. Wrong codes: one answer for all (unknown, used,
 * expired, revoked), five per session, then "ask for a new invitation".
 */
@Controller
@ConditionalOnWebApplication
class InvitationController {

    static final String PATH = "/{organizationId:[a-z][a-z0-9-]+}/invitation";
    /** The invitation whose code this browser typed right: its id and organisation. */
    static final String VERIFIED = InvitationController.class.getName() + ".verified";
    static final String TRIES = InvitationController.class.getName() + ".tries";
    static final int MAX_TRIES = 5;

    private static final int MAX_CODE = 40;
    private static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{Nd}._@-]{3,40}");

    private final CareGrants grants;
    private final GrantWords words;
    private final PatientRegistry registry;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final TransactionTemplate transaction;

    InvitationController(CareGrants grants, GrantWords words, PatientRegistry registry, AccountManagement accounts,
            Organizations organizations, PlatformTransactionManager transactions) {
        this.grants = grants;
        this.words = words;
        this.registry = registry;
        this.accounts = accounts;
        this.organizations = organizations;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Bean
    static PublicPaths invitationPages() {
        // Accepting needs a signed-in patient-portal account and stays closed.
        return PublicPaths.of("/*/invitation", "/*/invitation/account", "/*/invitation/forget");
    }

    /** What the session keeps of a right code: never the code itself. */
    record Verified(UUID grant, String organizationId) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @GetMapping(PATH)
    String page(@PathVariable String organizationId, @AuthenticationPrincipal @Nullable Object principal,
            HttpServletRequest request, Model model, Locale locale) {
        organizations.get(organizationId);
        Optional<Grant> invitation = verified(request, organizationId);
        if (invitation.isEmpty()) {
            return codeView(request, model);
        }
        return invitationView(invitation.get(), principal, organizationId, model, locale);
    }

    @PostMapping(PATH)
    String enterCode(@PathVariable String organizationId, @RequestParam(defaultValue = "") String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        organizations.get(organizationId);
        HttpSession session = request.getSession(true);
        int tries = session.getAttribute(TRIES) instanceof Integer n ? n : 0;
        if (tries >= MAX_TRIES) {
            return codeRefused("proxy.problem.tooManyTries", model, response, HttpStatus.TOO_MANY_REQUESTS);
        }
        if (code.isBlank()) {
            return codeRefused("proxy.problem.missingCode", model, response, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        Optional<Grant> found = code.length() > MAX_CODE ? Optional.empty()
                : grants.invitation(code).filter(g -> g.organizationId().equals(organizationId));
        if (found.isEmpty()) {
            session.setAttribute(TRIES, tries + 1);
            return codeRefused(tries + 1 >= MAX_TRIES ? "proxy.problem.tooManyTries" : "proxy.problem.wrongCode", model,
                    response, HttpStatus.UNPROCESSABLE_CONTENT);
        }
        session.setAttribute(VERIFIED, new Verified(found.get().id(), organizationId));
        return "redirect:/" + organizationId + "/invitation";
    }

    @PostMapping(PATH + "/accept")
    String accept(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, HttpServletRequest request,
            Model model, Locale locale, RedirectAttributes redirect, HttpServletResponse response) {
        Optional<Grant> invitation = verified(request, organizationId);
        if (invitation.isEmpty()) {
            return "redirect:/" + organizationId + "/invitation";
        }
        if (!eligible(user, organizationId)) {
            return invitationView(invitation.get(), user, organizationId, model, locale);
        }
        if (invitation.get().patient().equals(user.patientId())) {
            invitationView(invitation.get(), user, organizationId, model, locale);
            return SharingController.refused("proxy/invitation", "proxy.problem.ownRecord", "accept", model, response);
        }
        if (!grants.accept(invitation.get().id(), user.accountId(), user.patientId())) {
            forget(request);
            codeView(request, model);
            return SharingController.refused("proxy/invitation-code", "proxy.problem.wrongCode", "code", model, response);
        }
        forget(request);
        redirect.addFlashAttribute("invitationAccepted",
                registry.find(invitation.get().patient()).map(GrantWords::shortName).orElse(""));
        return "redirect:/" + organizationId + "/home";
    }

    /** "This is not for me" or "start again": the session forgets the invitation. */
    @PostMapping(PATH + "/forget")
    String forgetInvitation(@PathVariable String organizationId, HttpServletRequest request) {
        forget(request);
        return "redirect:/" + organizationId + "/invitation";
    }

    // --- Create an account on the spot ---

    @GetMapping(PATH + "/account")
    String accountPage(@PathVariable String organizationId, @AuthenticationPrincipal @Nullable Object principal,
            HttpServletRequest request, Model model) {
        organizations.get(organizationId);
        Optional<Grant> invitation = verified(request, organizationId);
        if (invitation.isEmpty() || principal instanceof PortalUser) {
            return "redirect:/" + organizationId + "/invitation";
        }
        model.addAttribute("username", "");
        model.addAttribute("email", invitation.get().inviteEmail());
        return "proxy/invitation-account";
    }

    @PostMapping(PATH + "/account")
    String openAccount(@PathVariable String organizationId, @RequestParam(defaultValue = "") String username,
            @RequestParam(defaultValue = "") String password, @AuthenticationPrincipal @Nullable Object principal,
            HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Organization organization = organizations.get(organizationId);
        Optional<Grant> invitation = verified(request, organizationId);
        if (invitation.isEmpty() || principal instanceof PortalUser) {
            return "redirect:/" + organizationId + "/invitation";
        }
        String email = invitation.get().inviteEmail();
        model.addAttribute("username", username);
        model.addAttribute("email", email);
        String name = username.strip();
        if (!USERNAME.matcher(name).matches()) {
            return SharingController.refused("proxy/invitation-account", "proxy.problem.username", "username", model,
                    response);
        }
        if (password.isEmpty()) {
            return SharingController.refused("proxy/invitation-account", "proxy.problem.missingPassword", "password",
                    model, response);
        }
        try {
            Account account = transaction.execute(status -> {
                Account opened = accounts.openCaregiverAccount(organizationId, name, email, password);
                if (!grants.accept(invitation.get().id(), opened.id(), null)) {
                    throw new NoLongerWorks();
                }
                return opened;
            });
            forget(request);
            redirect.addFlashAttribute("caregiverAccountReady", account.username());
            return "redirect:/" + organization.id() + "/sign-in";
        } catch (UsernameTaken e) {
            return SharingController.refused("proxy/invitation-account", "proxy.problem.usernameTaken", "username", model,
                    response);
        } catch (PasswordRefused e) {
            model.addAttribute("passwordCheck", new RefusedPassword(e.problemKeys().stream().map(Reason::new).toList()));
            return SharingController.refused("proxy/invitation-account", "proxy.problem.weakPassword", "password", model,
                    response);
        } catch (NoLongerWorks e) {
            forget(request);
            codeView(request, model);
            return SharingController.refused("proxy/invitation-code", "proxy.problem.wrongCode", "code", model, response);
        }
    }

    /** What the password field lists after a refusal (the shape of identity's own password check). */
    record RefusedPassword(List<Reason> problems) {
        public boolean acceptable() {
            return false;
        }
    }

    record Reason(String messageKey) {}

    // --- Views and session ---

    private String codeView(HttpServletRequest request, Model model) {
        HttpSession session = request.getSession(false);
        int tries = session != null && session.getAttribute(TRIES) instanceof Integer n ? n : 0;
        model.addAttribute("outOfTries", tries >= MAX_TRIES);
        return "proxy/invitation-code";
    }

    private String codeRefused(String problem, Model model, HttpServletResponse response, HttpStatus status) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemField", "code");
        model.addAttribute("problemArgs", new Object[0]);
        model.addAttribute("outOfTries", problem.equals("proxy.problem.tooManyTries"));
        response.setStatus(status.value());
        return "proxy/invitation-code";
    }

    private String invitationView(Grant invitation, @Nullable Object principal, String organizationId, Model model,
            Locale locale) {
        model.addAttribute("invitedBy", registry.find(invitation.patient()).map(GrantWords::shortName).orElse(""));
        model.addAttribute("grant", words.row(invitation, locale));
        boolean signedIn = principal instanceof PortalUser;
        model.addAttribute("invitationSignedIn", signedIn);
        model.addAttribute("mayAccept", principal instanceof PortalUser user && eligible(user, organizationId));
        return "proxy/invitation";
    }

    /** A patient-portal account signed in at this organisation's portal may accept here. */
    private static boolean eligible(PortalUser user, String organizationId) {
        return user.kind() == AccountKind.PATIENT && organizationId.equals(user.organizationId());
    }

    /** The invitation this browser verified here, while it still waits for someone to accept it. */
    private Optional<Grant> verified(HttpServletRequest request, String organizationId) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(VERIFIED) instanceof Verified verified)
                || !verified.organizationId().equals(organizationId)) {
            return Optional.empty();
        }
        Optional<Grant> grant = grants.find(verified.grant()).filter(g -> grants.status(g) == GrantStatus.INVITED);
        if (grant.isEmpty()) {
            session.removeAttribute(VERIFIED);
        }
        return grant;
    }

    private static void forget(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(VERIFIED);
        }
    }

    /** The invitation was accepted, cancelled or expired meanwhile: the new account is rolled back. */
    private static final class NoLongerWorks extends RuntimeException {
        NoLongerWorks() {
            super(null, null, false, false);
        }
    }
}
