package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * The notes a patient's care team wrote (DocumentReference, category clinical-note), newest first,
 * and one note's text. Visit summaries are read on their visit's page, so the list leaves out those
 * that name their visit (see {@link PatientRecords#notes}).
 */
@Service
public class ClinicalNotes {

    /** The most notes the list shows; the download holds every one. */
    public static final int MOST = 500;

    /**
     * A note as the list and its page show it.
     *
     * @param type what kind of note, in words ("Progress note")
     * @param authors who wrote it, as the EHR names them
     * @param visit the visit it belongs to, when it names one
     */
    public record Note(UUID id, String type, @Nullable Instant when, String authors, @Nullable UUID visit) {}

    /** The notes list; {@code more} when there are more than {@link #MOST}. */
    public record Listing(List<Note> notes, boolean more) {}

    /** One note; {@code text} is empty when the note is not plain text (a scanned PDF). */
    public record Detail(Note note, String text) {}

    private final PatientRecords records;
    private final FhirContext fhir;

    ClinicalNotes(PatientRecords records, FhirContext fhir) {
        this.records = records;
        this.fhir = fhir;
    }

    public Listing list(Viewing viewing) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.notes(viewing, MOST + 1);
        List<Note> notes = new ArrayList<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            DocumentReference document = parser.parseResource(DocumentReference.class, entry.json());
            if (readable(document)) {
                notes.add(note(entry, document));
            }
        }
        return new Listing(notes, entries.size() > MOST);
    }

    /** One clinical note of the patient's, a visit's summary included; empty when the id is not one. */
    public Optional<Detail> detail(Viewing viewing, UUID id) {
        return records.find(viewing, id)
                .filter(e -> "DocumentReference".equals(e.resourceType()) && "clinical-note".equals(e.category()))
                .flatMap(entry -> {
                    DocumentReference document = fhir.newJsonParser().parseResource(DocumentReference.class, entry.json());
                    return readable(document) ? Optional.of(new Detail(note(entry, document), text(document)))
                            : Optional.empty();
                });
    }

    /** Not withdrawn by the EHR as entered in error. */
    static boolean readable(DocumentReference document) {
        return document.getStatus() != DocumentReferenceStatus.ENTEREDINERROR;
    }

    /** The first plain-text content of a document. */
    static String text(DocumentReference document) {
        return document.getContent().stream().map(c -> Readings.text(c.getAttachment())).filter(t -> !t.isBlank())
                .findFirst().orElse("");
    }

    private static Note note(PatientRecords.Entry entry, DocumentReference document) {
        String authors = document.getAuthor().stream().map(a -> a.getDisplay()).filter(a -> a != null && !a.isBlank())
                .collect(Collectors.joining(", "));
        UUID visit = document.getContext().getEncounter().stream()
                .map(e -> PatientRecords.idIn(e.getReference(), "Encounter")).filter(v -> v != null).findFirst()
                .orElse(null);
        String type = Readings.words(document.getType());
        return new Note(entry.id(), type.isBlank() && document.hasDescription() ? document.getDescription() : type,
                entry.effectiveAt(), authors, visit);
    }
}
