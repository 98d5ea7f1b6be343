package org.caregate.fhirapi.internal;

import org.caregate.platform.ErrorReference;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every error as an OperationOutcome with one issue, its text the refusal's own words. A failure of
 * ours (500) says only "server error" and a reference number, and is logged with that number, the
 * exception types and stack frames but no message: a message may quote a query or record content,
 * and logs never hold health data. HAPI's own handler is left nothing to log.
 */
@Component
class ServerErrors {

    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException answer(Throwable error) {
        BaseServerResponseException answer;
        if (error instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500) {
            answer = refusal;
        } else if (error instanceof DataFormatException) {
            // HAPI could not read a parameter (a date, a number); its message would repeat the value.
            answer = new InvalidRequestException("A search parameter's value is not in FHIR's format.");
        } else {
            String reference = ErrorReference.next();
            log.error("FHIR API server error {}", reference, ErrorReference.withoutMessages(error));
            answer = new InternalErrorException("Server error. Reference: " + reference + ".");
        }
        answer.setOperationOutcome(outcome(answer));
        return answer;
    }

    private static OperationOutcome outcome(BaseServerResponseException answer) {
        var outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type(answer.getStatusCode()))
                .setDiagnostics(answer.getMessage());
        return outcome;
    }

    private static IssueType type(int status) {
        return switch (status) {
            case 401 -> IssueType.LOGIN;
            case 403 -> IssueType.FORBIDDEN;
            case 404, 410 -> IssueType.NOTFOUND;
            case 405 -> IssueType.NOTSUPPORTED;
            case 500 -> IssueType.EXCEPTION;
            default -> IssueType.INVALID;
        };
    }
}
