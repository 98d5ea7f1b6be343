package org.caregate.record.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.Address;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.Patient;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Viewing;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.Sex;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What goes into the downloads, without a database: result holds, and text the font cannot draw. */
class RecordDownloadsTests {

    private static final Instant NOW = Instant.parse("2026-03-02T15:00:00Z");
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final PatientId patientId = PatientId.random();
    private final Viewing viewing = Viewing.own(AccountId.random(), patientId, "clinic");
    private final PatientRecords records = mock(PatientRecords.class);
    private final PatientRegistry registry = mock(PatientRegistry.class);
    private final Organizations organizations = mock(Organizations.class);

    RecordDownloadsTests() {
        Organization clinic = mock(Organization.class);
        when(clinic.id()).thenReturn("clinic");
        when(clinic.name()).thenReturn("Riverbend Clinic");
        when(organizations.all()).thenReturn(List.of(clinic));
        when(organizations.get("clinic")).thenReturn(clinic);
        when(registry.find(patientId)).thenReturn(Optional.of(new Patient(patientId, "Inés", "Núñez",
                LocalDate.of(1950, 1, 31), Sex.FEMALE, new Address("1 Main St", null, "Rochester", "MN", "55901", "US"),
                null, "es", List.of(), List.of(new MedicalRecordNumber("clinic", "C123")))));
    }

    @Test
    void resultsAnOrganisationStillHoldsBackAreInNeitherFile() throws Exception {
        var held = entry(lab("Potassium", "4.1"), "laboratory", NOW.minus(Duration.ofHours(2)));
        var shown = entry(lab("Sodium", "140"), "laboratory", NOW.minus(Duration.ofDays(3)));
        var issue = entry(new Condition().setCode(new CodeableConcept().setText("High blood pressure")),
                "problem-list-item", NOW.minus(Duration.ofHours(2)));
        when(records.everything(viewing)).thenReturn(List.of(held, shown, issue));
        var downloads = downloads(new ResultSettings(Map.of("laboratory", Duration.ofDays(1)), Map.of(), Duration.ofDays(14), Duration.ofDays(14)));

        var fhir = downloads.fhir(viewing, "clinic");
        var pdf = downloads.pdf(viewing, "clinic", Locale.ENGLISH);

        var bundle = FHIR.newJsonParser().parseResource(Bundle.class, new String(fhir.body(), StandardCharsets.UTF_8));
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(patientId.value().toString(), shown.id().toString(), issue.id().toString());
        assertThat(fhir.resources()).containsExactly(shown.id(), issue.id());
        assertThat(pdf.resources()).isEqualTo(fhir.resources());
        assertThat(text(pdf.body())).contains("Sodium", "High blood pressure").doesNotContain("Potassium");
    }

    @Test
    void whatTheFontCannotDrawPrintsAsAQuestionMarkAndAccentsPrintAsTheyAre() throws Exception {
        var note = new DocumentReference().setDescription("Nota de la visita");
        note.addContent().getAttachment().setContentType("text/plain; charset=utf-8")
                .setData("Señora Núñez: presión ≤ 130/80 – 漢 \u0007fin".getBytes(StandardCharsets.UTF_8));
        when(records.everything(viewing)).thenReturn(List.of(entry(note, "clinical-note", NOW)));

        var pdf = downloads(new ResultSettings(Map.of(), Map.of(), Duration.ofDays(14), Duration.ofDays(14))).pdf(viewing, "clinic",
                Locale.forLanguageTag("es"));

        assertThat(text(pdf.body())).contains("Inés Núñez", "Señora Núñez: presión ≤ 130/80 – ? fin", "Notas clínicas");
        assertThat(pdf.madeOn()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    private RecordDownloads downloads(ResultSettings settings) throws Exception {
        var messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/record");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        ZoneId zone = ZoneId.of("America/Chicago");
        return new RecordDownloads(records, registry, organizations, settings, FHIR, new RecordPdf(messages, zone),
                Clock.fixed(NOW, ZoneOffset.UTC), zone, "https://portal.example/");
    }

    private static Observation lab(String name, String value) {
        return new Observation().setStatus(Observation.ObservationStatus.FINAL)
                .setCode(new CodeableConcept().setText(name))
                .setValue(new Quantity().setValue(new java.math.BigDecimal(value)).setUnit("mmol/L"));
    }

    private static PatientRecords.Entry entry(Resource resource, String category, Instant firstStored) {
        UUID id = UUID.randomUUID();
        resource.setId(id.toString());
        return new PatientRecords.Entry(id, resource.fhirType(), category, null, firstStored, firstStored, false,
                "clinic", FHIR.newJsonParser().encodeResourceToString(resource));
    }

    private static String text(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
