package org.caregate.record.web;

import java.util.Locale;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordView;
import org.caregate.record.internal.Allergies;
import org.caregate.record.internal.HealthIssues;
import org.caregate.record.internal.Immunizations;
import org.caregate.record.internal.Medications;
import org.caregate.record.internal.PartialDate;
import org.caregate.record.internal.RecordAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The lists a patient keeps to hand: medications, allergies, health issues and immunizations. */
@Controller
@ConditionalOnWebApplication
class HealthSummaryController {

    private final RecordAccess access;
    private final Medications medications;
    private final Allergies allergies;
    private final HealthIssues healthIssues;
    private final Immunizations immunizations;
    private final PatientRegistry registry;

    HealthSummaryController(RecordAccess access, Medications medications, Allergies allergies, HealthIssues healthIssues,
            Immunizations immunizations, PatientRegistry registry) {
        this.access = access;
        this.medications = medications;
        this.allergies = allergies;
        this.healthIssues = healthIssues;
        this.immunizations = immunizations;
        this.registry = registry;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/medications")
    String medications(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        Medications.Listing listing = medications.list(patient);
        access.viewed(user, patient, RecordView.MEDICATIONS, listing.shown());
        model.addAttribute("medications", listing);
        model.addAttribute("most", Medications.MOST);
        return "record/medications";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/allergies")
    String allergies(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        Allergies.Listing listing = allergies.list(patient);
        access.viewed(user, patient, RecordView.ALLERGIES, listing.shown());
        model.addAttribute("allergies", listing);
        model.addAttribute("most", Allergies.MOST);
        return "record/allergies";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/health-issues")
    String healthIssues(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        HealthIssues.Listing listing = healthIssues.list(patient);
        access.viewed(user, patient, RecordView.HEALTH_ISSUES, listing.shown());
        model.addAttribute("issues", listing);
        model.addAttribute("most", HealthIssues.MOST);
        return "record/health-issues";
    }

    /** Printable: the printout names the patient, their date of birth and the organisation. */
    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/immunizations")
    String immunizations(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Locale locale,
            Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        var person = registry.find(patient).orElseThrow(RecordPageAdvice.NotFound::new);
        Immunizations.Listing listing = immunizations.list(patient, locale);
        access.viewed(user, patient, RecordView.IMMUNIZATIONS, listing.shown());
        model.addAttribute("immunizations", listing);
        model.addAttribute("most", Immunizations.MOST);
        model.addAttribute("patientName", person.legalName());
        model.addAttribute("dateOfBirth", PartialDate.of(person.dateOfBirth()));
        return "record/immunizations";
    }
}
