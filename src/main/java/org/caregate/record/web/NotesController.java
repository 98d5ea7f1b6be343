package org.caregate.record.web;

import java.util.List;
import java.util.UUID;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.ClinicalNotes;
import org.caregate.record.internal.RecordAccess;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
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
    String notes(@PathVariable String organizationId, @ForPatient(Area.RECORD) Viewing viewing, Model model) {
        ClinicalNotes.Listing listing = notes.list(viewing);
        access.viewed(viewing, RecordView.NOTES, listing.notes().stream().map(ClinicalNotes.Note::id).toList());
        model.addAttribute("notes", listing.notes());
        model.addAttribute("more", listing.more());
        model.addAttribute("most", ClinicalNotes.MOST);
        return "record/notes";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/notes/{id}")
    String note(@PathVariable String organizationId, @PathVariable UUID id, @ForPatient(Area.RECORD) Viewing viewing,
            Model model) {
        ClinicalNotes.Detail detail = notes.detail(viewing, id).orElseThrow(RecordPageAdvice.NotFound::new);
        access.viewed(viewing, RecordView.NOTE, List.of(id));
        model.addAttribute("note", detail.note());
        model.addAttribute("text", detail.text());
        return "record/note";
    }
}
