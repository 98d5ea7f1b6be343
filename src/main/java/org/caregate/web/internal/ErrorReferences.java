package org.caregate.web.internal;

import org.caregate.platform.ErrorReference;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/** Puts the reference number of a server error where the error page can show it. */
@Component
class ErrorReferences extends DefaultErrorAttributes {

    private static final Logger log = LoggerFactory.getLogger(ErrorReferences.class);

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        if (attributes.get("status") instanceof Integer status && status >= 500) {
            Object known = request.getAttribute(ErrorReference.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            String reference = known instanceof String r ? r : ErrorReference.next();
            if (known == null) {
                // A failure outside Spring MVC (a filter, the container): not logged with a reference yet.
                Throwable error = getError(request);
                log.error("Server error {} on {}", reference, attributes.get("path"),
                        error == null ? null : ErrorReference.withoutMessages(error));
            }
            attributes.put("reference", reference);
        }
        return attributes;
    }
}
