package org.caregate.record.web;

import java.util.UUID;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.RecordAccess;
import org.caregate.record.internal.Visits;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
    String visits(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing, Model model) {
        Visits.Listing listing = visits.list(viewing);
        access.viewed(viewing, RecordView.VISITS, listing.shown());
        model.addAttribute("visits", listing.visits());
        model.addAttribute("more", listing.more());
        model.addAttribute("most", Visits.MOST);
        return "record/visits";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/visits/{id}")
    String visit(@PathVariable String organizationId, @PathVariable UUID id, @ForPatient(Area.RECORD) Viewing viewing,
            Model model) {
        Visits.Detail detail = visits.detail(viewing, id).orElseThrow(RecordPageAdvice.NotFound::new);
        access.viewed(viewing, RecordView.VISIT, detail.shown());
        model.addAttribute("detail", detail);
        model.addAttribute("visit", detail.visit());
        return "record/visit";
    }
}
