package org.caregate.record.web;

import java.util.UUID;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.record.RecordView;
import org.caregate.record.internal.RecordAccess;
import org.caregate.record.internal.Visits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Visits, newest first, and one visit with its vital signs, its summary and its notes. */
@Controller
@ConditionalOnWebApplication
class VisitsController {

    private final RecordAccess access;
    private final Visits visits;

    VisitsController(RecordAccess access, Visits visits) {
        this.access = access;
        this.visits = visits;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/visits")
    String visits(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        Visits.Listing listing = visits.list(patient);
        access.viewed(user, patient, RecordView.VISITS, listing.shown());
        model.addAttribute("visits", listing.visits());
        model.addAttribute("more", listing.more());
        model.addAttribute("most", Visits.MOST);
        return "record/visits";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/visits/{id}")
    String visit(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        Visits.Detail detail = visits.detail(patient, id).orElseThrow(RecordPageAdvice.NotFound::new);
        access.viewed(user, patient, RecordView.VISIT, detail.shown());
        model.addAttribute("detail", detail);
        model.addAttribute("visit", detail.visit());
        return "record/visit";
    }
}
