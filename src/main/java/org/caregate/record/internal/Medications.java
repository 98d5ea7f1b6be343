package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.patient.PatientId;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A patient's prescriptions (MedicationRequest): the ones they take now, then past ones. A request
 * entered in error, or still a draft, is not a medicine the patient was given, and is left out.
 */
@Service
public class Medications {

    /**
     * The extension, a boolean on a MedicationRequest, that marks a controlled substance (DEA
     * schedule II to V): its refills need the care team, not a refill request. The demo generator
     * writes the same address ({@code DemoRecordGenerator.CONTROLLED_SUBSTANCE}).
     */
    public static final String CONTROLLED_SUBSTANCE = "https://caregate.example/fhir/StructureDefinition/controlled-substance";

    /** The most prescriptions the page reads; the download holds every one. */
    public static final int MOST = 500;

    private static final Set<MedicationRequestStatus> CURRENT = Set.of(MedicationRequestStatus.ACTIVE,
            MedicationRequestStatus.ONHOLD);
    private static final Set<MedicationRequestStatus> LEFT_OUT = Set.of(MedicationRequestStatus.ENTEREDINERROR,
            MedicationRequestStatus.DRAFT);

    /**
     * A prescription as the page shows it.
     *
     * @param dosage how to take it, in the prescriber's words
     * @param refills refills the prescriber allowed; null when the record does not say
     * @param status the FHIR status code ({@code active}, {@code on-hold}, {@code stopped}, {@code completed}…)
     * @param statusReason why it was stopped, in words; empty when the record does not say
     */
    public record Medication(UUID id, String name, String dosage, @Nullable PartialDate prescribed, String prescriber,
            @Nullable Integer refills, @Nullable PartialDate validUntil, boolean controlled, String status,
            String statusReason) {}

    /** Current medicines, then past ones, each newest prescription first. */
    public record Listing(List<Medication> current, List<Medication> past, boolean more) {

        public List<UUID> shown() {
            List<UUID> shown = new ArrayList<>();
            current.forEach(m -> shown.add(m.id()));
            past.forEach(m -> shown.add(m.id()));
            return shown;
        }
    }

    private final PatientRecords records;
    private final FhirContext fhir;

    Medications(PatientRecords records, FhirContext fhir) {
        this.records = records;
        this.fhir = fhir;
    }

    public Listing list(Viewing viewing) {
        IParser parser = fhir.newJsonParser();
        List<PatientRecords.Entry> entries = records.ofType(viewing, "MedicationRequest", null, MOST + 1);
        List<Medication> current = new ArrayList<>();
        List<Medication> past = new ArrayList<>();
        for (PatientRecords.Entry entry : entries.subList(0, Math.min(MOST, entries.size()))) {
            MedicationRequest request = parser.parseResource(MedicationRequest.class, entry.json());
            if (request.getStatus() == null || LEFT_OUT.contains(request.getStatus())) {
                continue;
            }
            (CURRENT.contains(request.getStatus()) ? current : past).add(medication(entry, request));
        }
        return new Listing(current, past, entries.size() > MOST);
    }

    private static Medication medication(PatientRecords.Entry entry, MedicationRequest request) {
        String name = request.hasMedicationCodeableConcept() ? Readings.words(request.getMedicationCodeableConcept())
                : request.hasMedicationReference() && request.getMedicationReference().hasDisplay()
                        ? request.getMedicationReference().getDisplay() : "";
        String dosage = request.getDosageInstruction().stream().map(Dosage::getText).filter(t -> t != null && !t.isBlank())
                .collect(Collectors.joining(" "));
        var dispense = request.getDispenseRequest();
        return new Medication(entry.id(), name, dosage, PartialDate.of(request.getAuthoredOnElement()),
                request.getRequester().getDisplay() == null ? "" : request.getRequester().getDisplay(),
                dispense.hasNumberOfRepeatsAllowed() ? dispense.getNumberOfRepeatsAllowed() : null,
                dispense.getValidityPeriod().hasEnd() ? PartialDate.of(dispense.getValidityPeriod().getEndElement()) : null,
                controlled(request), request.getStatus().toCode(), Readings.words(request.getStatusReason()));
    }

    private static boolean controlled(MedicationRequest request) {
        Extension extension = request.getExtensionByUrl(CONTROLLED_SUBSTANCE);
        return extension != null && extension.getValue() instanceof BooleanType flag && flag.booleanValue();
    }
}
