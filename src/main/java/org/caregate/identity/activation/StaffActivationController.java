package org.caregate.identity.activation;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodeNotIssued;
import org.caregate.identity.ActivationCodes;
import org.caregate.identity.IssuedCode;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /staff/activation}: support finds a patient by organisation and record number and issues an
 * activation code by e-mail, text or printed letter. The patient found is kept in the session, not
 * in the page, so the code goes to the patient the agent looked at. The letter is a printable page
 * with the name, mailing address, code, expiry, sign-up address and support line: no health data.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize("hasRole('SUPPORT')")
class StaffActivationController {

    static final String FOUND = "caregate.activation.found";
    private static final int DEMO_CHOICES = 6;

    /** The patient on the agent's screen. */
    record Found(PatientId patientId, String organizationId) implements Serializable {}

    private final ActivationCodes activationCodes;
    private final CodeIssuer issuer;
    private final IssuedCodes issued;
    private final PatientRegistry registry;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Clock clock;
    private final MessageSource messages;
    private final boolean demo;

    StaffActivationController(ActivationCodes activationCodes, CodeIssuer issuer, IssuedCodes issued,
            PatientRegistry registry, AccountManagement accounts, Organizations organizations, Clock clock,
            MessageSource messages, @Value("${caregate.demo.enabled:false}") boolean demo) {
        this.activationCodes = activationCodes;
        this.issuer = issuer;
        this.issued = issued;
        this.registry = registry;
        this.accounts = accounts;
        this.organizations = organizations;
        this.clock = clock;
        this.messages = messages;
        this.demo = demo;
    }

    /**
     * The letter's words, in the patient's preferred language from the registry (the agent's page
     * around it stays in the agent's).
     */
    record Letter(String language, String subject, String intro, String codeLabel, String expires, String goTo,
            String enterDetails, String choose, String help) {}

    private Letter letter(Patient patient, Organization organization, IssuedCode code) {
        Locale locale = Locale.forLanguageTag(patient.preferredLanguage());
        String language = messages.getMessage("activation.letter.language", null, "en", locale);
        Locale shown = Locale.forLanguageTag(language);
        return new Letter(language,
                say("activation.letter.subject", shown, organization.name()),
                say("activation.letter.intro", shown, organization.name()),
                say("activation.letter.code", shown),
                say("activation.letter.expires", shown, issuer.expiryDate(code.expiresAt(), shown)),
                say("activation.letter.step1", shown, issuer.signUpAddress(organization)),
                say("activation.letter.step2", shown),
                say("activation.letter.step3", shown),
                say("activation.letter.help", shown, organization.supportPhoneDisplay(), organization.supportHours(shown)));
    }

    private String say(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, locale);
    }

    /** A demo patient to pick: name, organisation and record number, as the agent would type them. */
    record DemoChoice(String name, Organization organization, String recordNumber) {}

    @GetMapping("/staff/activation")
    String findPage(Model model, HttpSession session) {
        session.removeAttribute(FOUND);
        return findView(model, "", "");
    }

    @PostMapping("/staff/activation")
    String find(@RequestParam(defaultValue = "") String organization, @RequestParam(defaultValue = "") String recordNumber,
            Model model, HttpSession session, HttpServletResponse response, Locale locale) {
        session.removeAttribute(FOUND);
        Optional<Organization> chosen = organizations.find(organization);
        if (chosen.isEmpty()) {
            return refused(findView(model, organization, recordNumber), "activation.problem.organization", model, response);
        }
        if (recordNumber.isBlank() || recordNumber.length() > 40) {
            return refused(findView(model, organization, recordNumber), "activation.problem.recordNumber", model, response);
        }
        Optional<Patient> patient = registry.findByRecordNumber(organization, recordNumber);
        if (patient.isEmpty()) {
            model.addAttribute("problemArgs", new Object[] {chosen.get().mrnLabel(locale), chosen.get().name()});
            return refused(findView(model, organization, recordNumber), "activation.problem.notFound", model, response);
        }
        session.setAttribute(FOUND, new Found(patient.get().id(), organization));
        return patientView(patient.get(), chosen.get(), model);
    }

    @PostMapping("/staff/activation/issue")
    String issue(@RequestParam(defaultValue = "") String delivery, Model model, HttpSession session,
            HttpServletResponse response, Locale locale) {
        Found found = session.getAttribute(FOUND) instanceof Found f ? f : null;
        Patient patient = found == null ? null : registry.find(found.patientId()).orElse(null);
        if (found == null || patient == null) {
            return "redirect:/staff/activation";
        }
        Organization organization = organizations.get(found.organizationId());
        ActivationCodes.Delivery how;
        try {
            how = ActivationCodes.Delivery.valueOf(delivery);
        } catch (IllegalArgumentException e) {
            patientView(patient, organization, model);
            return refused("identity/staff-activation-patient", "activation.problem.delivery", model, response);
        }
        IssuedCode code;
        try {
            code = activationCodes.issue(patient.id(), organization.id(), how);
        } catch (ActivationCodeNotIssued e) {
            patientView(patient, organization, model);
            return refused("identity/staff-activation-patient", "activation.problem." + e.reason(), model, response);
        }
        model.addAttribute("issued", code);
        model.addAttribute("patient", patient);
        model.addAttribute("issuer", organization);
        model.addAttribute("recordNumber", patient.recordNumberAt(organization.id()).map(n -> n.value()).orElse(""));
        if (how == ActivationCodes.Delivery.LETTER) {
            model.addAttribute("letter", letter(patient, organization, code));
            return "identity/activation-letter";
        }
        model.addAttribute("expires", issuer.expiryDate(code.expiresAt(), locale));
        return "identity/staff-activation-sent";
    }

    private String findView(Model model, String organization, String recordNumber) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("chosenOrganization", organization);
        model.addAttribute("recordNumber", recordNumber);
        model.addAttribute("demoChoices", demo ? demoChoices() : List.of());
        return "identity/staff-activation";
    }

    private String patientView(Patient patient, Organization organization, Model model) {
        model.addAttribute("patient", patient);
        model.addAttribute("issuer", organization);
        model.addAttribute("recordNumber", patient.recordNumberAt(organization.id()).map(n -> n.value()).orElse(""));
        model.addAttribute("hasAccount", accounts.findByPatient(patient.id()).isPresent());
        model.addAttribute("hasWorkingCode", activationCodes.hasWorkingCode(patient.id(), organization.id()));
        model.addAttribute("emailOnFile", patient.email() == null ? null : CodeIssuer.maskedEmail(patient.email()));
        model.addAttribute("mobileOnFile", patient.mobile().map(m -> m.masked()).orElse(null));
        return "identity/staff-activation-patient";
    }

    /** Demo only: patients without accounts who hold a working code, so a tester has someone to pick. */
    private List<DemoChoice> demoChoices() {
        return issued.patientsWithWorkingCodes(clock.instant(), DEMO_CHOICES).stream().distinct()
                .flatMap(id -> registry.find(id).stream())
                .filter(p -> accounts.findByPatient(p.id()).isEmpty())
                .flatMap(p -> p.recordNumbers().stream().findFirst()
                        .flatMap(n -> organizations.find(n.organizationId())
                                .map(o -> new DemoChoice(p.legalName(), o, n.value()))).stream())
                .toList();
    }

    private static String refused(String view, String problem, Model model, HttpServletResponse response) {
        model.addAttribute("problem", problem);
        response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
        return view;
    }
}
