package org.caregate.notify.twilio;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Checks that Twilio sent a webhook request: its {@code X-Twilio-Signature} header must be the
 * HMAC-SHA1, keyed with the account's auth token, of the address Twilio requested followed by the
 * POSTed form fields sorted by name. Only then does the portal act on the request.
 */
@Component
@TwilioConfigured
class TwilioSignatures {

    static final String HEADER = "X-Twilio-Signature";

    private final RequestValidator validator;
    private final CallbackAddresses addresses;

    TwilioSignatures(TwilioSettings settings, CallbackAddresses addresses) {
        this.validator = new RequestValidator(settings.authToken());
        this.addresses = addresses;
    }

    /**
     * The form fields of a request Twilio signed.
     *
     * @throws UnverifiedWebhook when the signature is missing or does not match
     */
    Map<String, String> verifiedForm(HttpServletRequest request) {
        String signature = request.getHeader(HEADER);
        if (signature == null || signature.isBlank()) {
            throw new UnverifiedWebhook("no signature");
        }
        Map<String, String> form = formFields(request);
        // The SDK compares in constant time (it accumulates the XOR of every character; only a
        // difference in length, which is public, ends the comparison early).
        if (!validator.validate(addresses.asRequested(request), form, signature)) {
            throw new UnverifiedWebhook("wrong signature");
        }
        return form;
    }

    /**
     * The request's POSTed fields. The servlet API mixes them with the query string's parameters,
     * those of the query first; the query is part of the signed address, so its parameters are
     * taken off here rather than signed twice.
     */
    private static Map<String, String> formFields(HttpServletRequest request) {
        Map<String, Integer> inQuery = new HashMap<>();
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (!pair.isEmpty()) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    inQuery.merge(URLDecoder.decode(name, StandardCharsets.UTF_8), 1, Integer::sum);
                }
            }
        }
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            int fromQuery = inQuery.getOrDefault(name, 0);
            if (values.length - fromQuery > 1) {
                // Twilio sends each field once; a repeated one would be read differently by the
                // signature check and by the code acting on it.
                throw new UnverifiedWebhook("a form field sent twice");
            }
            if (values.length > fromQuery) {
                form.put(name, values[fromQuery]);
            }
        });
        return form;
    }
}
