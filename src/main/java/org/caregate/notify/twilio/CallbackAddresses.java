package org.caregate.notify.twilio;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The webhook addresses given to Twilio with each text and call, and the address a webhook request
 * was signed for. Both start with {@code caregate.public-base-url}, the address Twilio reaches the
 * portal at.
 */
@Component
@TwilioConfigured
class CallbackAddresses {

    private final String portal;
    private final String base;

    CallbackAddresses(@Value("${caregate.public-base-url}") String publicBaseUrl) {
        this.portal = publicBaseUrl.replaceAll("/+$", "");
        this.base = portal + TwilioConfiguration.WEBHOOKS;
    }

    /** Where Twilio reports what became of text message {@code outboxId}. */
    URI textStatus(long outboxId) {
        return URI.create(base + "/sms/" + outboxId + "/status");
    }

    /** Where Twilio sends the key pressed on key-press call {@code call}; the reply speaks {@code language}. */
    URI keyPressed(UUID call, Locale language) {
        return URI.create(base + "/voice/" + call + "/key?lang=" + language.toLanguageTag());
    }

    /** Where Twilio reports how key-press call {@code call}, outbox message {@code outboxId}, ended. */
    URI callStatus(UUID call, long outboxId) {
        return URI.create(base + "/voice/" + call + "/status?outbox=" + outboxId);
    }

    /** Where Twilio reports how call {@code outboxId} (one that reads a message) ended. */
    URI callStatus(long outboxId) {
        return URI.create(base + "/voice/outbox/" + outboxId + "/status");
    }

    /**
     * The address Twilio requested, which its signature covers: the portal's public address, then
     * the path and query exactly as received. Never the request's own host: the load balancer may
     * rewrite it, and whoever forges a request chooses it.
     */
    String asRequested(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString();
        return portal + path + (query == null ? "" : "?" + query);
    }
}
