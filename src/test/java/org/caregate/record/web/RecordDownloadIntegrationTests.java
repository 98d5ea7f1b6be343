package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caregate.FormSession;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordView;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** "Download your record": the choices page, the FHIR file and the PDF, over a whole generated record. */
class RecordDownloadIntegrationTests extends RecordPagesTest {

    private static final String FILE_NAME = "attachment; filename=\"health-record-\\d{4}-\\d{2}-\\d{2}\\.%s\"";

    @Autowired
    FhirContext fhir;

    @Autowired
    FhirValidator validator;

    @Test
    void theFhirFileHoldsTheWholeRecordAndValidates() throws Exception {
        var mine = records().patientWithRecord();
        var theirs = records().patientWithRecord();
        var browser = signedIn(mine);

        var answer = browser.bytes("/" + mine.organizationId() + "/record/download/fhir");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertFile(answer, "application/fhir+json", "json", mine);
        Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, new String(answer.body(), "UTF-8"));
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.hasTimestamp()).isTrue();
        assertThat(countByType(bundle)).isEqualTo(countByType(mine.bundle()));
        assertThat(bundle.getEntry()).allSatisfy(entry -> assertThat(entry.getFullUrl())
                .endsWith("/" + entry.getResource().fhirType() + "/" + entry.getResource().getIdElement().getIdPart()));
        Patient patient = (Patient) bundle.getEntryFirstRep().getResource();
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(mine.patient().id().value().toString());
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(mine.patient().familyName());
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(RecordIdentifiers.mrnSystem(mine.organizationId()));
        assertThat(patient.getIdentifierFirstRep().getValue())
                .isEqualTo(mine.patient().recordNumberAt(mine.organizationId()).orElseThrow().value());
        // Each stored resource is the portal's copy: its id and version.
        assertThat(bundle.getEntry().get(1).getResource().getMeta().getVersionId()).isEqualTo("1");

        var problems = validator.validateWithResult(bundle).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
        assertThat(problems).isEmpty();

        String json = new String(answer.body(), "UTF-8");
        assertThat(json).doesNotContain(theirs.patient().familyName(), theirs.patient().id().value().toString(),
                theirs.patient().recordNumberAt(theirs.organizationId()).orElseThrow().value());
        assertThat(views.of(mine.patient().id())).filteredOn(v -> v.view() == RecordView.DOWNLOAD_FHIR)
                .singleElement().satisfies(viewed -> {
                    assertThat(viewed.viewer()).isEqualTo(mine.account().id());
                    assertThat(viewed.resources()).hasSize(bundle.getEntry().size() - 1);
                });
    }

    @Test
    void thePdfHoldsTheSameRecordInWordsToReadOrPrint() throws Exception {
        var mine = withMedicines();
        var theirs = records().patientWithRecord();
        var browser = signedIn(mine);

        var answer = browser.bytes("/" + mine.organizationId() + "/record/download/pdf");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertFile(answer, "application/pdf", "pdf", mine);
        assertThat(new String(answer.body(), 0, 5, "ISO-8859-1")).isEqualTo("%PDF-");
        String text;
        try (var pdf = Loader.loadPDF(answer.body())) {
            assertThat(pdf.getDocumentInformation().getTitle()).contains(mine.patient().familyName());
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("en");
            assertThat(pdf.getNumberOfPages()).isGreaterThan(1);
            text = new PDFTextStripper().getText(pdf);
        }
        MedicationRequest medication = first(mine.bundle(), MedicationRequest.class);
        Observation test = mine.bundle().getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Observation o && o.hasValueQuantity()
                        && "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode()))
                .map(Observation.class::cast).findFirst().orElseThrow();
        assertThat(text).contains(mine.patient().givenNames() + " " + mine.patient().familyName(),
                organizations.get(mine.organizationId()).name(), "Health issues", "Medications", "Allergies",
                "Immunizations", "Test results", "Visits", "Clinical notes", "Page 1 of",
                // The medicine's name: its whole text may wrap in its column.
                medication.getMedicationCodeableConcept().getText().split(" ")[0], test.getCode().getText(),
                test.getValueQuantity().getValue().toPlainString(), "–");
        assertThat(text).doesNotContain(theirs.patient().familyName());
        assertThat(views.of(mine.patient().id())).filteredOn(v -> v.view() == RecordView.DOWNLOAD_PDF)
                .singleElement().satisfies(viewed -> assertThat(viewed.resources()).hasSize(mine.bundle().getEntry().size() - 1));
    }

    @Test
    void thePdfIsInTheReadersLanguage() throws Exception {
        var mine = records().patientWithRecord();
        var browser = signedIn(mine);

        var answer = browser.bytes("/" + mine.organizationId() + "/record/download/pdf?lang=es");

        try (var pdf = Loader.loadPDF(answer.body())) {
            assertThat(pdf.getDocumentCatalog().getLanguage()).isEqualTo("es");
            assertThat(new PDFTextStripper().getText(pdf)).contains("Expediente médico", "Fecha de nacimiento",
                    "Resultados de pruebas", "Página 1 de");
        }
    }

    @Test
    void theDownloadPageExplainsBothFilesAndWarnsAboutSharedComputers() throws Exception {
        var mine = records().patientWithRecord();
        var browser = signedIn(mine);

        var page = browser.get("/" + mine.organizationId() + "/record/download");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Download your record", "health information", "shared or public computer",
                "/" + mine.organizationId() + "/record/download/pdf\"", "/" + mine.organizationId() + "/record/download/fhir\"");
        assertThat(views.of(mine.patient().id())).isEmpty();
    }

    @Test
    void aSignedOutPersonIsSentToSignInAndGetsNoFile() throws Exception {
        var mine = records().patientWithRecord();
        var stranger = new FormSession(port);

        for (String path : new String[] {"/record/download", "/record/download/fhir", "/record/download/pdf"}) {
            var answer = stranger.get("/" + mine.organizationId() + path);

            assertThat(answer.statusCode()).as(path).isEqualTo(302);
            assertThat(FormSession.location(answer)).as(path).isEqualTo("/" + mine.organizationId() + "/sign-in");
            assertThat(answer.body()).as(path).doesNotContain(mine.patient().familyName());
        }
        assertThat(views.of(mine.patient().id())).isEmpty();
    }

    private void assertFile(HttpResponse<byte[]> answer, String type, String extension,
            TestRecords.PatientWithRecord record) {
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith(type);
        String disposition = answer.headers().firstValue("Content-Disposition").orElseThrow();
        assertThat(disposition).matches(FILE_NAME.formatted(extension));
        assertThat(disposition).doesNotContain(record.patient().familyName(),
                record.patient().recordNumberAt(record.organizationId()).orElseThrow().value());
        assertThat(answer.headers().allValues("Cache-Control")).anySatisfy(v -> assertThat(v).contains("no-store"));
    }

    private static Map<String, Long> countByType(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().fhirType())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static <T extends Resource> T first(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(e -> e.getResource()).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow();
    }

    /** Some generated patients take no medicine; the PDF test needs one who does. */
    private TestRecords.PatientWithRecord withMedicines() {
        var record = records().patientWithRecord();
        while (record.bundle().getEntry().stream().noneMatch(e -> e.getResource() instanceof MedicationRequest)) {
            record = records().patientWithRecord();
        }
        return record;
    }


}
