package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.proxy.Viewing;
import org.caregate.patient.PatientRegistry;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The whole record to take away: as a FHIR Bundle for other health apps, and as a PDF to read or
 * print, both made from the same entries. Results an organisation still holds back are left out of
 * both, as the pages leave them out.
 */
@Service
public class RecordDownloads {

    /**
     * A file to send.
     *
     * @param resources the stored resources in it, for the audit trail
     * @param madeOn the day it was made, in the organisation's time zone, for its file name
     */
    public record Download(byte[] body, List<UUID> resources, LocalDate madeOn) {}

    /** A stored resource with its columns, parsed once for the whole file. */
    record Item(PatientRecords.Entry entry, Resource resource) {}

    /** What both files are made from. */
    record Contents(Patient patient, Organization organization, List<Item> items, Instant madeAt) {

        List<UUID> ids() {
            return items.stream().map(item -> item.entry().id()).toList();
        }
    }

    private final PatientRecords records;
    private final PatientRegistry registry;
    private final Organizations organizations;
    private final ResultSettings settings;
    private final FhirContext fhir;
    private final RecordPdf pdf;
    private final Clock clock;
    private final ZoneId zone;
    private final String fhirBase;

    RecordDownloads(PatientRecords records, PatientRegistry registry, Organizations organizations,
            ResultSettings settings, FhirContext fhir, RecordPdf pdf, Clock clock,
            @Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone,
            @Value("${caregate.public-base-url:}") String publicBaseUrl) {
        this.records = records;
        this.registry = registry;
        this.organizations = organizations;
        this.settings = settings;
        this.fhir = fhir;
        this.pdf = pdf;
        this.clock = clock;
        this.zone = zone;
        this.fhirBase = publicBaseUrl.replaceAll("/+$", "") + "/fhir";
    }

    /**
     * The record as FHIR R4 JSON: a {@code collection} Bundle with the Patient first. A caregiver's
     * download holds only the areas they may read.
     */
    public Download fhir(Viewing viewing, String organizationId) {
        Contents contents = contents(viewing, organizationId);
        var bundle = RecordBundle.of(contents.patient(), organizationId,
                contents.items().stream().map(Item::resource).toList(), fhirBase, contents.madeAt());
        byte[] json = fhir.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
        return new Download(json, contents.ids(), madeOn(contents));
    }

    /** The record as a PDF in the reader's language. */
    public Download pdf(Viewing viewing, String organizationId, Locale locale) {
        Contents contents = contents(viewing, organizationId);
        return new Download(pdf.print(contents, locale), contents.ids(), madeOn(contents));
    }

    private Contents contents(Viewing viewing, String organizationId) {
        Patient patient = registry.find(viewing.patient()).orElseThrow();
        Organization organization = organizations.get(organizationId);
        Instant now = clock.instant();
        List<PatientRecords.Hold> holds = settings.holds(organizations.all().stream().map(Organization::id).toList(), now);
        IParser parser = fhir.newJsonParser();
        List<Item> items = records.everything(viewing).stream()
                .filter(entry -> !PatientRecords.held(entry, holds))
                .filter(entry -> viewing.mayRead(RecordAreas.areaOf(entry)))
                .map(entry -> new Item(entry, (Resource) parser.parseResource(entry.json())))
                .toList();
        // A report lists its results by id: those left out (held back, confidential, another area) are not named either.
        Set<String> included = items.stream().map(item -> item.resource().fhirType() + "/" + item.entry().id())
                .collect(Collectors.toSet());
        for (Item item : items) {
            if (item.resource() instanceof DiagnosticReport report) {
                report.getResult().removeIf(result -> !included.contains(result.getReference()));
            }
        }
        return new Contents(patient, organization, items, now);
    }

    private LocalDate madeOn(Contents contents) {
        return LocalDate.ofInstant(contents.madeAt(), zone);
    }
}
