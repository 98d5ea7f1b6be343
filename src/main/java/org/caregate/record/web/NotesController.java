package org.caregate.record.web;

import java.util.List;
import java.util.UUID;
import org.caregate.identity.PortalUser;
import org.caregate.patient.PatientId;
import org.caregate.record.RecordView;
import org.caregate.record.internal.ClinicalNotes;
import org.caregate.record.internal.RecordAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** Clinical notes, newest first, and one note's text. */
@Controller
@ConditionalOnWebApplication
class NotesController {

    private final RecordAccess access;
    private final ClinicalNotes notes;

    NotesController(RecordAccess access, ClinicalNotes notes) {
        this.access = access;
        this.notes = notes;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/notes")
    String notes(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        ClinicalNotes.Listing listing = notes.list(patient);
        access.viewed(user, patient, RecordView.NOTES, listing.notes().stream().map(ClinicalNotes.Note::id).toList());
        model.addAttribute("notes", listing.notes());
        model.addAttribute("more", listing.more());
        model.addAttribute("most", ClinicalNotes.MOST);
        return "record/notes";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/notes/{id}")
    String note(@PathVariable String organizationId, @PathVariable UUID id, @AuthenticationPrincipal PortalUser user,
            Model model) {
        PatientId patient = access.patientFor(user, organizationId);
        ClinicalNotes.Detail detail = notes.detail(patient, id).orElseThrow(RecordPageAdvice.NotFound::new);
        access.viewed(user, patient, RecordView.NOTE, List.of(id));
        model.addAttribute("note", detail.note());
        model.addAttribute("text", detail.text());
        return "record/note";
    }
}
