package org.caregate.fhirapi.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.security.SecureRandom;
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

    /** No 0/O, 1/I/L: a caller reads it aloud to support. */
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException answer(Throwable error) {
        BaseServerResponseException answer;
        if (error instanceof BaseServerResponseException refusal && refusal.getStatusCode() < 500) {
            answer = refusal;
        } else if (error instanceof DataFormatException) {
            // HAPI could not read a parameter (a date, a number); its message would repeat the value.
            answer = new InvalidRequestException("A search parameter's value is not in FHIR's format.");
        } else {
            String reference = reference();
            log.error("FHIR API server error {}", reference, withoutMessages(error));
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

    private String reference() {
        var reference = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return reference.toString();
    }

    /** The exception chain with its types and stack frames, without messages. */
    static Throwable withoutMessages(Throwable error) {
        Throwable cause = error.getCause() == null || error.getCause() == error ? null : withoutMessages(error.getCause());
        var copy = new Redacted(error.getClass().getName(), cause);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    private static final class Redacted extends RuntimeException {
        Redacted(String type, Throwable cause) {
            super(type + " (message withheld)", cause, false, true);
        }
    }
}
