package org.caregate.web.internal;

import java.security.SecureRandom;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * Gives every server error a short reference number that the error page shows and the log records
 * with the exception, so support can find what went wrong without the patient seeing a stack trace.
 */
@Component
class ErrorReferences extends DefaultErrorAttributes {

    private static final Logger log = LoggerFactory.getLogger(ErrorReferences.class);
    private static final char[] ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private final SecureRandom random = new SecureRandom();

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object status = attributes.get("status");
        if (status instanceof Integer code && code >= 500) {
            String reference = newReference();
            attributes.put("reference", reference);
            Throwable error = getError(request);
            // The exception's class and stack only: its message may quote input or record content.
            log.error("Server error {} on {} ({})", reference, attributes.get("path"),
                    error == null ? "no exception" : error.getClass().getName(), error == null ? null : redacted(error));
        }
        return attributes;
    }

    private String newReference() {
        var reference = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                reference.append('-');
            }
            reference.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return reference.toString();
    }

    /** A copy of the exception chain keeping classes and stack frames but not messages. */
    private static Throwable redacted(Throwable error) {
        Throwable cause = error.getCause() == null || error.getCause() == error ? null : redacted(error.getCause());
        var copy = new RedactedException(error.getClass().getName(), cause);
        copy.setStackTrace(error.getStackTrace());
        return copy;
    }

    private static final class RedactedException extends RuntimeException {
        RedactedException(String type, Throwable cause) {
            super(type + " (message withheld)", cause, false, true);
        }
    }
}
