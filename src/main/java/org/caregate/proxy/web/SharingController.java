package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Basis;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
 * {@code /{org}/sharing}: "Who can see your record" for the signed-in patient's own record (never the
 * record they view as someone's caregiver), with invite, change, remove and what each caregiver did;
 * and "People you help", the grants the person holds, with "Stop helping". Every change takes effect
 * on the caregiver's next request, in sessions already open too.
 *
 * <p>Grants staff recorded from paperwork (a parent of a minor, a guardian, a power of attorney) are
 * listed but only staff change or end them: a teenager cannot remove a parent on their own; the page
 * says to call the clinic.
 */
@Controller
@ConditionalOnWebApplication
class SharingController {

    static final String PATH = "/{organizationId:[a-z][a-z0-9-]+}/sharing";

    /** The relationships a patient chooses from, as keys of {@code proxy.relationship.*}. */
    static final List<String> RELATIONSHIPS = List.of("spouse", "parent", "adult-child", "other-family", "friend", "other");

    private static final int MAX_NAME = 100;
    private static final int MAX_EMAIL = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final CareGrants grants;
    private final GrantWords words;
    private final InvitationMail mail;
    private final Organizations organizations;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SharingController(CareGrants grants, GrantWords words, InvitationMail mail, Organizations organizations,
            PlatformTransactionManager transactions, Clock clock) {
        this.grants = grants;
        this.words = words;
        this.mail = mail;
        this.organizations = organizations;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @GetMapping(PATH)
    String sharing(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model,
            Locale locale) {
        portal(user, organizationId);
        if (user.patientId() != null) {
            List<Grant> mine = grants.ofPatient(user.patientId(), organizationId);
            model.addAttribute("grants", words.rows(mine, locale));
            model.addAttribute("activity", words.activity(mine.stream().filter(Grant::accepted).toList(), locale));
        }
        model.addAttribute("ownRecord", user.patientId() != null);
        model.addAttribute("helping", words.rows(grants.heldBy(user.accountId(), organizationId).stream()
                .filter(g -> !g.patient().equals(user.patientId())).toList(), locale));
        return "proxy/sharing";
    }

    // --- Invite ---

    @GetMapping(PATH + "/invite")
    String invitePage(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        ownRecord(user, organizationId);
        inviteView(model, "", "", "", TermsForm.blank());
        return "proxy/invite";
    }

    @PostMapping(PATH + "/invite")
    String invite(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            @RequestParam Map<String, String> fields, Model model, HttpServletResponse response, Locale locale,
            RedirectAttributes redirect) {
        PatientId patient = ownRecord(user, organizationId);
        Organization organization = organizations.get(organizationId);
        String name = fields.getOrDefault("name", "").strip();
        String email = fields.getOrDefault("email", "").strip();
        String relationship = fields.getOrDefault("relationship", "");
        TermsForm terms = TermsForm.from(fields);
        inviteView(model, name, email, relationship, terms);
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return refused("proxy/invite", "proxy.problem.name", "name", model, response);
        }
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            return refused("proxy/invite", "proxy.problem.email", "email", model, response);
        }
        if (!RELATIONSHIPS.contains(relationship)) {
            return refused("proxy/invite", "proxy.problem.relationship", "relationship-spouse", model, response);
        }
        TermsForm.Problem problem = terms.problem(LocalDate.now(clock));
        if (problem != null) {
            return refused("proxy/invite", problem.messageKey(), problem.field(), model, response);
        }
        transaction.executeWithoutResult(status -> {
            CareGrants.Invitation invitation = grants.invite(user.accountId(), patient, organizationId, name, email,
                    relationship, terms.terms());
            mail.send(invitation, organization, locale);
        });
        redirect.addFlashAttribute("done", "proxy.done.invited");
        redirect.addFlashAttribute("doneArgs", new Object[] {name, email});
        return "redirect:/" + organizationId + "/sharing";
    }

    // --- Change ---

    @GetMapping(PATH + "/{id}/change")
    String changePage(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            Model model, Locale locale) {
        Grant grant = changeable(user, organizationId, id);
        model.addAttribute("grant", words.row(grant, locale));
        model.addAttribute("terms", TermsForm.of(grant));
        return "proxy/change";
    }

    @PostMapping(PATH + "/{id}/change")
    String change(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            @RequestParam Map<String, String> fields, Model model, HttpServletResponse response, Locale locale,
            RedirectAttributes redirect) {
        Grant grant = changeable(user, organizationId, id);
        TermsForm terms = TermsForm.from(fields);
        model.addAttribute("grant", words.row(grant, locale));
        model.addAttribute("terms", terms);
        TermsForm.Problem problem = terms.problem(LocalDate.now(clock));
        if (problem != null) {
            return refused("proxy/change", problem.messageKey(), problem.field(), model, response);
        }
        grants.change(id, user.accountId(), terms.terms());
        redirect.addFlashAttribute("done", "proxy.done.changed");
        redirect.addFlashAttribute("doneArgs", new Object[] {grant.proxyName()});
        return "redirect:/" + organizationId + "/sharing";
    }

    // --- Remove access, or cancel an invitation ---

    @GetMapping(PATH + "/{id}/remove")
    String removePage(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            Model model, Locale locale) {
        Grant grant = changeable(user, organizationId, id);
        model.addAttribute("grant", words.row(grant, locale));
        return "proxy/remove";
    }

    @PostMapping(PATH + "/{id}/remove")
    String remove(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect) {
        Grant grant = changeable(user, organizationId, id);
        boolean invitation = !grant.accepted();
        grants.revoke(id, user.accountId());
        redirect.addFlashAttribute("done", invitation ? "proxy.done.cancelled" : "proxy.done.removed");
        redirect.addFlashAttribute("doneArgs", new Object[] {grant.proxyName()});
        return "redirect:/" + organizationId + "/sharing";
    }

    // --- People you help: stop helping ---

    @GetMapping(PATH + "/helping/{id}/stop")
    String stopPage(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            Model model, Locale locale) {
        Grant grant = held(user, organizationId, id);
        model.addAttribute("grant", words.row(grant, locale));
        return "proxy/stop";
    }

    @PostMapping(PATH + "/helping/{id}/stop")
    String stop(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            RedirectAttributes redirect, Locale locale) {
        Grant grant = held(user, organizationId, id);
        grants.revoke(id, user.accountId());
        redirect.addFlashAttribute("done", "proxy.done.stopped");
        redirect.addFlashAttribute("doneArgs", new Object[] {words.row(grant, locale).patientName()});
        return "redirect:/" + organizationId + "/sharing";
    }

    // --- Checks ---

    /** A patient-portal account signed in at this organisation's portal (PortalGuard sends others to theirs). */
    private static void portal(PortalUser user, String organizationId) {
        if (user.kind() != AccountKind.PATIENT || !organizationId.equals(user.organizationId())) {
            throw new NotFound();
        }
    }

    /** The signed-in person's own record: a caregiver without one has nothing to share. */
    private static PatientId ownRecord(PortalUser user, String organizationId) {
        portal(user, organizationId);
        if (user.patientId() == null) {
            throw new NotFound();
        }
        return user.patientId();
    }

    /**
     * A grant of the person's own record that they may change or end: one they invited, still waiting
     * or in use. Anything else (another patient's, staff-recorded, ended) is "not found".
     */
    private Grant changeable(PortalUser user, String organizationId, UUID id) {
        PatientId patient = ownRecord(user, organizationId);
        Grant grant = grants.find(id).filter(g -> g.patient().equals(patient) && g.organizationId().equals(organizationId))
                .orElseThrow(NotFound::new);
        GrantStatus status = grants.status(grant);
        if (grant.basis() != Basis.INVITED || !(status == GrantStatus.INVITED || status.inUse())) {
            throw new NotFound();
        }
        return grant;
    }

    /** A grant the person holds as a caregiver here, not yet revoked. */
    private Grant held(PortalUser user, String organizationId, UUID id) {
        portal(user, organizationId);
        return grants.heldBy(user.accountId(), organizationId).stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(NotFound::new);
    }

    private static void inviteView(Model model, String name, String email, String relationship, TermsForm terms) {
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("relationship", relationship);
        model.addAttribute("relationships", RELATIONSHIPS);
        model.addAttribute("terms", terms);
        model.addAttribute("lifetimeDays", CareGrants.INVITATION_LIFETIME.toDays());
    }

    static String refused(String view, String problem, String field, Model model, HttpServletResponse response,
            Object... args) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemField", field);
        model.addAttribute("problemArgs", args);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }

    /** No such grant for this person: 404, saying nothing of whose it is. */
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NOT_FOUND)
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

}
