package org.caregate.record.web;

import java.util.Locale;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.Allergies;
import org.caregate.record.internal.HealthIssues;
import org.caregate.record.internal.Immunizations;
import org.caregate.record.internal.Medications;
import org.caregate.record.internal.PartialDate;
import org.caregate.record.internal.RecordAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
    String medications(@PathVariable String organizationId, @ForPatient(Area.MEDICATIONS) Viewing viewing, Model model) {
        Medications.Listing listing = medications.list(viewing);
        access.viewed(viewing, RecordView.MEDICATIONS, listing.shown());
        model.addAttribute("medications", listing);
        model.addAttribute("most", Medications.MOST);
        return "record/medications";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/allergies")
    String allergies(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing, Model model) {
        Allergies.Listing listing = allergies.list(viewing);
        access.viewed(viewing, RecordView.ALLERGIES, listing.shown());
        model.addAttribute("allergies", listing);
        model.addAttribute("most", Allergies.MOST);
        return "record/allergies";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/health-issues")
    String healthIssues(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing, Model model) {
        HealthIssues.Listing listing = healthIssues.list(viewing);
        access.viewed(viewing, RecordView.HEALTH_ISSUES, listing.shown());
        model.addAttribute("issues", listing);
        model.addAttribute("most", HealthIssues.MOST);
        return "record/health-issues";
    }

    /** Printable: the printout names the patient, their date of birth and the organisation. */
    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/immunizations")
    String immunizations(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing, Locale locale,
            Model model) {
        var person = registry.find(viewing.patient()).orElseThrow(RecordPageAdvice.NotFound::new);
        Immunizations.Listing listing = immunizations.list(viewing, locale);
        access.viewed(viewing, RecordView.IMMUNIZATIONS, listing.shown());
        model.addAttribute("immunizations", listing);
        model.addAttribute("most", Immunizations.MOST);
        model.addAttribute("patientName", person.legalName());
        model.addAttribute("dateOfBirth", PartialDate.of(person.dateOfBirth()));
        return "record/immunizations";
    }
}
