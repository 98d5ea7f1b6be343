package org.caregate.record.web;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.caregate.record.ImportResult;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The import's answers to programs, as FHIR JSON: a {@code transaction-response} or
 * {@code batch-response} Bundle with one entry per entry of the request, in its order, or an
 * {@link OperationOutcome} saying why not.
 */
@Component
@ConditionalOnWebApplication
class FhirAnswers {

    static final MediaType FHIR_JSON = new MediaType("application", "fhir+json", StandardCharsets.UTF_8);

    private final FhirContext fhir;

    FhirAnswers(FhirContext fhir) {
        this.fhir = fhir;
    }

    ResponseEntity<String> imported(ImportResult.Imported imported) {
        return answer(HttpStatus.OK, responseBundle(imported));
    }

    ResponseEntity<String> refused(HttpStatus status, OperationOutcome problems) {
        return answer(status, problems);
    }

    ResponseEntity<String> refused(HttpStatus status, IssueType type, String text) {
        return answer(status, outcome(IssueSeverity.ERROR, type, text));
    }

    /** For refusals outside a controller (the security rules): the same answer, written directly. */
    void write(HttpServletResponse response, HttpStatus status, IssueType type, String text) throws IOException {
        response.setStatus(status.value());
        response.setContentType(FHIR_JSON.toString());
        response.getWriter().write(json(outcome(IssueSeverity.ERROR, type, text)));
    }

    /** Each request entry's answer at its place: 201 for a new resource, 200 for one that was there already. */
    Bundle responseBundle(ImportResult.Imported imported) {
        Map<Integer, BundleEntryResponseComponent> answers = new TreeMap<>();
        for (ImportResult.Entry entry : imported.entries()) {
            var answer = new BundleEntryResponseComponent()
                    .setStatus(entry.outcome() == ImportResult.Outcome.CREATED ? "201 Created" : "200 OK")
                    .setLocation(entry.resourceType() + "/" + entry.id() + "/_history/" + entry.version())
                    .setEtag("W/\"" + entry.version() + "\"");
            if (entry.outcome() == ImportResult.Outcome.UNCHANGED) {
                answer.setOutcome(outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                        "Unchanged: the stored version has the same content, so no new version was made."));
            }
            answers.put(entry.bundleEntry(), answer);
        }
        for (ImportResult.MatchedPatient patient : imported.patients()) {
            answers.put(patient.bundleEntry(), new BundleEntryResponseComponent().setStatus("200 OK")
                    .setLocation("Patient/" + patient.patient().value())
                    .setOutcome(outcome(IssueSeverity.INFORMATION, IssueType.INFORMATIONAL,
                            "Matched to the patient registry by medical record number; the portal keeps the "
                                    + "registry's details of the patient, not the bundle's.")));
        }
        Bundle response = new Bundle().setType(imported.type() == Bundle.BundleType.BATCH
                ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        answers.values().forEach(answer -> response.addEntry(new BundleEntryComponent().setResponse(answer)));
        return response;
    }

    private ResponseEntity<String> answer(HttpStatus status, Resource resource) {
        return ResponseEntity.status(status).contentType(FHIR_JSON).body(json(resource));
    }

    private String json(Resource resource) {
        return fhir.newJsonParser().encodeResourceToString(resource);
    }

    private static OperationOutcome outcome(IssueSeverity severity, IssueType type, String text) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(severity).setCode(type).setDiagnostics(text);
        return outcome;
    }
}
