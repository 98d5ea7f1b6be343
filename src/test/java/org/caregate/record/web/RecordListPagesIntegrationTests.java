package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.caregate.record.RecordView;
import org.caregate.record.RecordViewed;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

/**
 * Visits, notes, medications, allergies, health issues and immunizations, read against the bundle
 * a patient's generated record came from. One record, imported once, holds something of everything
 * (a controlled substance, an allergy, a confidential problem, progress notes); the tests only read it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordListPagesIntegrationTests extends RecordPagesTest {

    private static final String PROGRESS_NOTE = "11506-3";
    private static final String VISIT_SUMMARY = "34133-9";
    private static final Pattern VISIT_LINK = Pattern.compile("/visits/([0-9a-f-]{36})\"");
    private static final Pattern NOTE_LINK = Pattern.compile("/notes/([0-9a-f-]{36})\"");
    private static final Pattern DATETIME = Pattern.compile("datetime=\"([0-9-]+)\"");

    @Autowired
    TestPatients patients;

    private TestRecords.PatientWithRecord record;

    @BeforeAll
    void importOneRecordWithSomethingOfEverything() {
        record = records().patientWithRecord(bundle -> {
            List<MedicationRequest> medicines = all(bundle, MedicationRequest.class);
            return medicines.stream().anyMatch(m -> m.hasExtension(DemoRecordGenerator.CONTROLLED_SUBSTANCE))
                    && medicines.stream().anyMatch(m -> m.getStatus() == MedicationRequestStatus.ACTIVE)
                    && !all(bundle, AllergyIntolerance.class).isEmpty()
                    && all(bundle, Condition.class).stream().anyMatch(RecordListPagesIntegrationTests::confidential)
                    && all(bundle, Condition.class).stream().anyMatch(c -> status(c).equals("resolved"))
                    && all(bundle, DocumentReference.class).stream().anyMatch(d -> is(d.getType(), PROGRESS_NOTE))
                    && !all(bundle, Immunization.class).isEmpty();
        });
    }

    @Test
    void visitsAreListedNewestFirstAndAVisitShowsItsSummaryVitalSignsAndNotes() throws Exception {
        var browser = signedIn(record);
        List<BundleEntryComponent> encounters = record.bundle().getEntry().stream()
                .filter(e -> e.getResource() instanceof Encounter)
                .sorted(Comparator.comparing((BundleEntryComponent e) -> ((Encounter) e.getResource()).getPeriod().getStart())
                        .reversed())
                .toList();

        String list = page(browser, "/visits");

        assertThat(links(VISIT_LINK, list)).hasSize(encounters.size());
        List<String> dates = all(DATETIME, list);
        assertThat(dates).hasSize(encounters.size()).isSortedAccordingTo(Comparator.reverseOrder());
        encounters.forEach(e -> assertThat(list).contains(((Encounter) e.getResource()).getTypeFirstRep().getText()));

        // The newest visit with vital signs and a progress note: its place in the list is its place by date.
        int at = 0;
        while (documents(encounters.get(at).getFullUrl(), PROGRESS_NOTE).isEmpty()
                || vitalSigns(encounters.get(at).getFullUrl()).isEmpty()) {
            at++;
        }
        String fullUrl = encounters.get(at).getFullUrl();
        String visitId = links(VISIT_LINK, list).get(at);
        String visit = page(browser, "/visits/" + visitId);

        String summary = text(documents(fullUrl, VISIT_SUMMARY).getFirst());
        assertThat(visit).contains("Visit summary", summary, "Vital signs", "Notes from this visit", "/notes/");
        List<Observation> vitalSigns = vitalSigns(fullUrl);
        for (Observation vitalSign : vitalSigns) {
            assertThat(visit).contains(vitalSign.hasValueQuantity()
                    ? vitalSign.getValueQuantity().getValue().toPlainString()
                    : vitalSign.getComponent().get(0).getValueQuantity().getValue().toPlainString() + "/"
                            + vitalSign.getComponent().get(1).getValueQuantity().getValue().toPlainString() + " mmHg");
        }
        assertThat(count(visit, "/results/")).isGreaterThanOrEqualTo(vitalSigns.size());
        assertThat(viewed(RecordView.VISITS)).anySatisfy(v -> assertThat(v.resources()).hasSizeGreaterThanOrEqualTo(encounters.size()));
        assertThat(viewed(RecordView.VISIT)).anySatisfy(v -> assertThat(v.resources())
                .contains(UUID.fromString(visitId)).hasSizeGreaterThanOrEqualTo(vitalSigns.size() + 3));
    }

    @Test
    void clinicalNotesLeaveVisitSummariesToTheirVisitsAndANoteShowsItsText() throws Exception {
        var browser = signedIn(record);
        List<DocumentReference> progressNotes = all(record.bundle(), DocumentReference.class).stream()
                .filter(d -> is(d.getType(), PROGRESS_NOTE)).sorted(Comparator.comparing(DocumentReference::getDate).reversed())
                .toList();

        String list = page(browser, "/notes");

        // Every progress note, the confidential ones of counselling visits too; no visit summaries.
        assertThat(links(NOTE_LINK, list)).hasSize(progressNotes.size());
        assertThat(list).contains("Progress note").doesNotContain(">Visit summary<");
        String noteId = links(NOTE_LINK, list).getFirst();

        String note = page(browser, "/notes/" + noteId);

        assertThat(note).contains("<pre class=\"document\">", text(progressNotes.getFirst()), "/visits/");
        assertThat(viewed(RecordView.NOTES)).anySatisfy(v -> assertThat(v.resources()).hasSize(progressNotes.size()));
        assertThat(viewed(RecordView.NOTE)).anySatisfy(v -> assertThat(v.resources()).containsExactly(UUID.fromString(noteId)));
    }

    @Test
    void medicationsShowCurrentOnesThenPastOnesWithControlledSubstancesInPlainWords() throws Exception {
        var browser = signedIn(record);
        List<MedicationRequest> medicines = all(record.bundle(), MedicationRequest.class);

        String page = page(browser, "/medications");

        String current = page.substring(0, page.indexOf("id=\"past-heading\""));
        String past = page.substring(page.indexOf("id=\"past-heading\""));
        for (MedicationRequest medicine : medicines) {
            String name = medicine.getMedicationCodeableConcept().getText();
            if (medicine.getStatus() == MedicationRequestStatus.ACTIVE) {
                assertThat(current).contains(name, medicine.getDosageInstructionFirstRep().getText());
            } else {
                assertThat(past).contains(name);
            }
        }
        long controlled = medicines.stream().filter(m -> m.hasExtension(DemoRecordGenerator.CONTROLLED_SUBSTANCE)).count();
        assertThat(count(page, "Controlled substance")).isEqualTo(controlled);
        assertThat(page).doesNotContain("Refill</button>", "Request a refill");
        assertThat(viewed(RecordView.MEDICATIONS)).anySatisfy(v -> assertThat(v.resources()).hasSize(medicines.size()));
    }

    @Test
    void allergiesShowTheSubstanceTheReactionAndHowSeriousInPlainWords() throws Exception {
        var browser = signedIn(record);
        List<AllergyIntolerance> allergies = all(record.bundle(), AllergyIntolerance.class);

        String page = page(browser, "/allergies");

        for (AllergyIntolerance allergy : allergies) {
            assertThat(page).contains(allergy.getCode().getText(),
                    allergy.getReactionFirstRep().getManifestationFirstRep().getText(),
                    allergy.getCriticality() == AllergyIntolerance.AllergyIntoleranceCriticality.HIGH
                            ? "High risk: a reaction could be serious" : "Low risk of a serious reaction");
        }
        assertThat(page).doesNotContain("No known allergies");
        assertThat(viewed(RecordView.ALLERGIES)).anySatisfy(v -> assertThat(v.resources()).hasSize(allergies.size()));
    }

    @Test
    void healthIssuesShowCurrentOnesThenPastOnesWithTheirDatesConfidentialOnesIncluded() throws Exception {
        var browser = signedIn(record);
        List<Condition> conditions = all(record.bundle(), Condition.class);

        String page = page(browser, "/health-issues");

        String current = page.substring(0, page.indexOf("id=\"past-heading\""));
        String past = page.substring(page.indexOf("id=\"past-heading\""));
        for (Condition condition : conditions) {
            assertThat(status(condition).equals("active") ? current : past).contains(condition.getCode().getText());
            // A day stays the day the EHR wrote, whatever the time zones of server and reader.
            assertThat(page).contains("datetime=\"" + condition.getOnsetDateTimeType().getValueAsString() + "\"");
        }
        assertThat(conditions).filteredOn(RecordListPagesIntegrationTests::confidential)
                .allSatisfy(c -> assertThat(current).contains(c.getCode().getText()));
        assertThat(viewed(RecordView.HEALTH_ISSUES)).anySatisfy(v -> assertThat(v.resources()).hasSize(conditions.size()));
    }

    @Test
    void immunizationsArePrintableAndSayWhoseRecordItIs() throws Exception {
        var browser = signedIn(record);
        List<Immunization> doses = all(record.bundle(), Immunization.class);

        String page = page(browser, "/immunizations");

        for (Immunization dose : doses) {
            assertThat(page).contains(dose.getVaccineCode().getText(),
                    "datetime=\"" + dose.getOccurrenceDateTimeType().getValueAsString().substring(0, 10) + "\"");
        }
        assertThat(page).contains("data-print", "/js/print.js", "class=\"record-holder\"", record.patient().legalName(),
                "datetime=\"" + record.patient().dateOfBirth() + "\"", organizations.get(record.organizationId()).name());
        assertThat(viewed(RecordView.IMMUNIZATIONS)).anySatisfy(v -> assertThat(v.resources()).hasSize(doses.size()));
    }

    @Test
    void aPatientWithoutARecordIsToldThereIsNothingYetOnEveryPage() throws Exception {
        String organization = organizations.all().getFirst().id();
        var account = patients.patientWithAccount(organization);
        var browser = new FormSession(port);
        assertThat(FormSession.location(browser.signIn(organization, account.username(), TestPatients.PASSWORD)))
                .startsWith("/" + organization + "/");

        assertThat(get(browser, "/" + organization + "/visits")).contains("You have no visits in the portal yet.");
        assertThat(get(browser, "/" + organization + "/notes")).contains("You have no clinical notes in the portal yet.");
        assertThat(get(browser, "/" + organization + "/medications"))
                .contains("You have no current medicines in the portal.", "You have no past medicines in the portal.");
        assertThat(get(browser, "/" + organization + "/allergies")).contains("No known allergies");
        assertThat(get(browser, "/" + organization + "/health-issues"))
                .contains("You have no current health issues in the portal.");
        assertThat(get(browser, "/" + organization + "/immunizations")).contains("You have no vaccines in the portal yet.");
    }

    @Test
    void anotherPatientsVisitsAndNotesAreNotFoundAndShowNothingOfTheirs() throws Exception {
        var theirs = records().patientWithRecord(bundle -> all(bundle, DocumentReference.class).stream()
                .anyMatch(d -> is(d.getType(), PROGRESS_NOTE)));
        var theirBrowser = signedIn(theirs);
        String theirVisit = links(VISIT_LINK, page(theirBrowser, theirs.organizationId(), "/visits")).getFirst();
        String theirNote = links(NOTE_LINK, page(theirBrowser, theirs.organizationId(), "/notes")).getFirst();
        String theirSummary = page(theirBrowser, theirs.organizationId(), "/visits/" + theirVisit);

        var browser = signedIn(record);
        String myVisit = links(VISIT_LINK, page(browser, "/visits")).getFirst();
        String myNote = links(NOTE_LINK, page(browser, "/notes")).getFirst();
        String mine = "/" + record.organizationId();

        for (String path : List.of("/visits/" + theirVisit, "/notes/" + theirNote)) {
            var answer = browser.get(mine + path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(theirs.patient().familyName(), "<pre class=\"document\">",
                    theirSummary.substring(theirSummary.indexOf("Visit summary:"), theirSummary.indexOf('\n',
                            theirSummary.indexOf("Visit summary:"))));
        }
        // A note is not a visit, nor a visit a note; an address that is no id at all finds nothing either.
        for (String path : List.of("/visits/" + myNote, "/notes/" + myVisit, "/visits/not-an-id", "/notes/42")) {
            assertThat(browser.get(mine + path).statusCode()).as(path).isEqualTo(404);
        }
        assertThat(views.of(record.patient().id())).noneSatisfy(v -> assertThat(v.resources())
                .contains(UUID.fromString(theirVisit)));
    }

    @Test
    void everyPageReadsInSpanish() throws Exception {
        var browser = signedIn(record);
        String visit = links(VISIT_LINK, page(browser, "/visits?lang=es")).getFirst();
        String note = links(NOTE_LINK, page(browser, "/notes")).getFirst();

        assertThat(page(browser, "/visits")).contains("lang=\"es\"", "Visitas y resúmenes de visitas");
        assertThat(page(browser, "/visits/" + visit)).contains("Resumen de la visita", "Todas las visitas");
        assertThat(page(browser, "/notes")).contains("Notas clínicas", "Escrita por");
        assertThat(page(browser, "/notes/" + note)).contains("Todas las notas clínicas");
        assertThat(page(browser, "/medications")).contains("Medicamentos que toma ahora", "Sustancia controlada");
        assertThat(page(browser, "/allergies")).contains("Alergia a", "Gravedad");
        assertThat(page(browser, "/health-issues")).contains("Problemas de salud actuales", "Desde");
        assertThat(page(browser, "/immunizations")).contains("Registro de vacunas de", "Fecha de nacimiento", "Imprimir");
    }

    /** A page of the shared record's, unescaped, after checking it answered and every message was found. */
    private String page(FormSession browser, String path) throws Exception {
        return page(browser, record.organizationId(), path);
    }

    private String page(FormSession browser, String organizationId, String path) throws Exception {
        return get(browser, "/" + organizationId + path);
    }

    private static String get(FormSession browser, String path) throws Exception {
        HttpResponse<String> answer = browser.get(path);
        assertThat(answer.statusCode()).as(path).isEqualTo(200);
        assertThat(answer.body()).as(path).doesNotContain("??");
        return HtmlUtils.htmlUnescape(answer.body());
    }

    private List<RecordViewed> viewed(RecordView view) {
        return views.of(record.patient().id()).stream().filter(v -> v.view() == view).toList();
    }

    /** The shared record's documents of a type that belong to the visit with this full URL. */
    private List<DocumentReference> documents(String encounterFullUrl, String type) {
        return all(record.bundle(), DocumentReference.class).stream()
                .filter(d -> is(d.getType(), type) && encounterFullUrl.equals(d.getContext().getEncounterFirstRep().getReference()))
                .toList();
    }

    private List<Observation> vitalSigns(String encounterFullUrl) {
        return all(record.bundle(), Observation.class).stream()
                .filter(o -> encounterFullUrl.equals(o.getEncounter().getReference())
                        && "vital-signs".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode()))
                .toList();
    }



    private static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast)
                .toList();
    }

    private static boolean is(CodeableConcept concept, String code) {
        return concept.getCoding().stream().anyMatch(c -> code.equals(c.getCode()));
    }

    private static boolean confidential(Resource resource) {
        return resource.getMeta().getSecurity().stream().anyMatch(label -> "R".equals(label.getCode()));
    }

    private static String status(Condition condition) {
        return condition.getClinicalStatus().getCodingFirstRep().getCode();
    }

    private static String text(DocumentReference document) {
        return new String(document.getContentFirstRep().getAttachment().getData(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static List<String> links(Pattern link, String page) {
        return all(link, page).stream().distinct().toList();
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static long count(String text, String part) {
        return List.of(text.split(Pattern.quote(part), -1)).size() - 1;
    }
}
