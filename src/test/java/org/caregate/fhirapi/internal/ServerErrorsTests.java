package org.caregate.fhirapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A failure of ours says "server error" and a reference, and its message (which may quote a record) goes nowhere. */
@ExtendWith(OutputCaptureExtension.class)
class ServerErrorsTests {

    private final ServerErrors errors = new ServerErrors();

    @Test
    void aFailureOfOursAnswers500WithAReferenceAndLogsItWithoutTheMessage(CapturedOutput output) {
        var failure = new IllegalStateException("glucose 212 mg/dL for Ana Quispe",
                new RuntimeException("SELECT resource FROM record_resource WHERE ... 'Quispe'"));

        BaseServerResponseException answer = errors.answer(failure);

        assertThat(answer.getStatusCode()).isEqualTo(500);
        var outcome = (OperationOutcome) answer.getOperationOutcome();
        String text = outcome.getIssueFirstRep().getDiagnostics();
        assertThat(text).matches("Server error\\. Reference: [A-Z2-9]{4}-[A-Z2-9]{4}\\.");
        assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.EXCEPTION);
        String reference = text.substring(text.indexOf(": ") + 2, text.length() - 1);
        assertThat(output.getAll()).contains(reference).contains("IllegalStateException").contains("ServerErrorsTests")
                .doesNotContain("glucose", "Quispe", "SELECT");
    }

    @Test
    void aRefusalKeepsItsStatusAndWordsAsAnOperationOutcome(CapturedOutput output) {
        BaseServerResponseException answer = errors.answer(new ForbiddenOperationException("needs patient/Condition.s"));

        assertThat(answer.getStatusCode()).isEqualTo(403);
        var issue = ((OperationOutcome) answer.getOperationOutcome()).getIssueFirstRep();
        assertThat(issue.getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
        assertThat(issue.getDiagnostics()).isEqualTo("needs patient/Condition.s");
        assertThat(output.getAll()).doesNotContain("needs patient/Condition.s");
    }

    @Test
    void aParameterHapiCouldNotReadIsA400ThatDoesNotRepeatTheValue() {
        BaseServerResponseException answer = errors.answer(new DataFormatException("Invalid date/time format: \"1961-04-09x\""));

        assertThat(answer.getStatusCode()).isEqualTo(400);
        assertThat(((OperationOutcome) answer.getOperationOutcome()).getIssueFirstRep().getDiagnostics())
                .doesNotContain("1961");
    }
}
