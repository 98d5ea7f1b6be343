package org.caregate.proxy.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serial;
import java.io.Serializable;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountKind;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.PortalUser;
import org.caregate.identity.StaffConsole;
import org.caregate.identity.StaffRole;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Basis;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
import org.caregate.proxy.internal.AccessRules;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Caregivers" ({@code /staff/caregivers}) for support staff and administrators, often on the phone
 * with a caller: find a patient by organisation and record number, see who helps them, record a
 * parent, guardian or power of attorney after the paperwork is checked (for an account that exists),
 * change what a grant allows, and end it. The patient found is kept in the session, so no record
 * number ends up in an address. Each change is published for the audit trail with the staff member
 * as the one who made it.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize("hasAnyRole('SUPPORT', 'ADMINISTRATOR')")
class StaffCaregiversController {

    static final String PATH = "/staff/caregivers";
    static final String FOUND = StaffCaregiversController.class.getName() + ".patient";
    static final List<Basis> BASES = List.of(Basis.PARENT_OF_MINOR, Basis.LEGAL_GUARDIAN, Basis.POWER_OF_ATTORNEY);

    private final CareGrants grants;
    private final GrantWords words;
    private final PatientRegistry registry;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Clock clock;

    StaffCaregiversController(CareGrants grants, GrantWords words, PatientRegistry registry, AccountManagement accounts,
            Organizations organizations, Clock clock) {
        this.grants = grants;
        this.words = words;
        this.registry = registry;
        this.accounts = accounts;
        this.organizations = organizations;
        this.clock = clock;
    }

    @Bean
    static StaffConsole caregiversForSupport() {
        return new StaffConsole(PATH, "proxy.staff.console.name", "proxy.staff.console.hint", StaffRole.SUPPORT);
    }

    @Bean
    static StaffConsole caregiversForAdministrators() {
        return new StaffConsole(PATH, "proxy.staff.console.name", "proxy.staff.console.hint", StaffRole.ADMINISTRATOR);
    }

    /** The patient staff are working on, kept in their session. */
    record Found(PatientId patient, String organizationId) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @GetMapping(PATH)
    String page(HttpServletRequest request, Model model, Locale locale) {
        findView(model, "", "");
        found(request).ifPresent(found -> patientView(found, model, locale, TermsForm.blank(), "", "", ""));
        return "proxy/staff-caregivers";
    }

    @PostMapping(PATH + "/find")
    String find(@RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String mrn,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        findView(model, organization, mrn);
        HttpSession session = request.getSession();
        session.removeAttribute(FOUND);
        if (organizations.all().stream().noneMatch(o -> o.id().equals(organization))) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.organization", "organization",
                    model, response);
        }
        Optional<Patient> patient = mrn.isBlank() || mrn.length() > 40 ? Optional.empty()
                : registry.findByRecordNumber(organization, mrn.strip());
        if (patient.isEmpty()) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.notFound", "mrn", model,
                    response);
        }
        session.setAttribute(FOUND, new Found(patient.get().id(), organization));
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/record")
    String record(@RequestParam Map<String, String> fields, @AuthenticationPrincipal PortalUser staff,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
            RedirectAttributes redirect) {
        Found found = found(request).orElse(null);
        if (found == null) {
            return "redirect:" + PATH;
        }
        String account = fields.getOrDefault("account", "").strip();
        String name = fields.getOrDefault("name", "").strip();
        String basis = fields.getOrDefault("basis", "");
        TermsForm terms = TermsForm.from(fields);
        findView(model, "", "");
        Patient patient = patientView(found, model, locale, terms, account, name, basis);
        List<Account> matching = account.isEmpty() || account.length() > 254 ? List.of()
                : accounts.findForRecovery(account).stream().filter(a -> a.kind() == AccountKind.PATIENT).toList();
        if (matching.size() != 1) {
            return SharingController.refused("proxy/staff-caregivers",
                    matching.isEmpty() ? "proxy.staff.problem.noAccount" : "proxy.staff.problem.manyAccounts", "account",
                    model, response);
        }
        Account proxy = matching.getFirst();
        if (patient.id().equals(proxy.patientId())) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.ownAccount", "account",
                    model, response);
        }
        if (!accounts.organizationsOf(proxy).contains(found.organizationId())) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.otherPortal", "account",
                    model, response);
        }
        if (name.isEmpty() || name.length() > 100) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.problem.name", "name", model, response);
        }
        Basis chosen = BASES.stream().filter(b -> b.name().equals(basis)).findFirst().orElse(null);
        if (chosen == null) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.basis", "basis-PARENT_OF_MINOR",
                    model, response);
        }
        LocalDate today = LocalDate.now(clock);
        if (chosen == Basis.PARENT_OF_MINOR && AccessRules.age(patient.dateOfBirth(), today) >= AccessRules.ADULT_AT) {
            return SharingController.refused("proxy/staff-caregivers", "proxy.staff.problem.adult", "basis-PARENT_OF_MINOR",
                    model, response);
        }
        TermsForm.Problem problem = terms.problem(today);
        if (problem != null) {
            return SharingController.refused("proxy/staff-caregivers", problem.messageKey(), problem.field(), model,
                    response);
        }
        grants.record(staff.accountId(), patient.id(), found.organizationId(), proxy.id(), name, chosen, terms.terms());
        redirect.addFlashAttribute("done", "proxy.staff.done.recorded");
        redirect.addFlashAttribute("doneArgs", new Object[] {name});
        return "redirect:" + PATH;
    }

    @GetMapping(PATH + "/{id}/change")
    String changePage(@PathVariable UUID id, HttpServletRequest request, Model model, Locale locale) {
        Grant grant = ofFound(request, id);
        model.addAttribute("grant", words.row(grant, locale));
        model.addAttribute("terms", TermsForm.of(grant));
        model.addAttribute("staffPage", true);
        return "proxy/change";
    }

    @PostMapping(PATH + "/{id}/change")
    String change(@PathVariable UUID id, @RequestParam Map<String, String> fields, @AuthenticationPrincipal PortalUser staff,
            HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
            RedirectAttributes redirect) {
        Grant grant = ofFound(request, id);
        TermsForm terms = TermsForm.from(fields);
        model.addAttribute("grant", words.row(grant, locale));
        model.addAttribute("terms", terms);
        model.addAttribute("staffPage", true);
        TermsForm.Problem problem = terms.problem(LocalDate.now(clock));
        if (problem != null) {
            return SharingController.refused("proxy/change", problem.messageKey(), problem.field(), model, response);
        }
        grants.change(id, staff.accountId(), terms.terms());
        redirect.addFlashAttribute("done", "proxy.done.changed");
        redirect.addFlashAttribute("doneArgs", new Object[] {grant.proxyName()});
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/{id}/revoke")
    String revoke(@PathVariable UUID id, @AuthenticationPrincipal PortalUser staff, HttpServletRequest request,
            RedirectAttributes redirect) {
        Grant grant = ofFound(request, id);
        grants.revoke(id, staff.accountId());
        redirect.addFlashAttribute("done", grant.accepted() ? "proxy.done.removed" : "proxy.done.cancelled");
        redirect.addFlashAttribute("doneArgs", new Object[] {grant.proxyName()});
        return "redirect:" + PATH;
    }

    @PostMapping(PATH + "/done")
    String done(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(FOUND);
        }
        return "redirect:" + PATH;
    }

    private void findView(Model model, String organization, String mrn) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("chosenOrganization", organization);
        model.addAttribute("mrn", mrn);
    }

    private Patient patientView(Found found, Model model, Locale locale, TermsForm terms, String account, String name,
            String basis) {
        Patient patient = registry.find(found.patient()).orElseThrow();
        model.addAttribute("patient", patient);
        model.addAttribute("age", AccessRules.age(patient.dateOfBirth(), LocalDate.now(clock)));
        model.addAttribute("patientOrganization", organizations.get(found.organizationId()));
        model.addAttribute("grants", words.rows(grants.ofPatient(patient.id(), found.organizationId()), locale));
        model.addAttribute("terms", terms);
        model.addAttribute("account", account);
        model.addAttribute("name", name);
        model.addAttribute("basis", basis);
        model.addAttribute("bases", BASES);
        return patient;
    }

    private static Optional<Found> found(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(FOUND) instanceof Found found ? Optional.of(found) : Optional.empty();
    }

    /** A grant of the patient found, not yet ended: staff work on one patient at a time. */
    private Grant ofFound(HttpServletRequest request, UUID id) {
        Found found = found(request).orElseThrow(SharingController.NotFound::new);
        Grant grant = grants.find(id).filter(g -> g.patient().equals(found.patient())
                && g.organizationId().equals(found.organizationId())).orElseThrow(SharingController.NotFound::new);
        GrantStatus status = grants.status(grant);
        if (!(status == GrantStatus.INVITED || status.inUse())) {
            throw new SharingController.NotFound();
        }
        return grant;
    }
}
