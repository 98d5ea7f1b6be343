package org.caregate.platform;

import java.util.List;

/**
 * Addresses a provider calls back and authenticates by signing each request (a text and voice
 * provider's status and key-press webhooks): public, since the provider has no session, and not
 * subject to CSRF, since the provider cannot send a CSRF token. The module that serves them must
 * check the signature of every request itself, before doing anything.
 *
 * @param patterns path patterns in Spring's {@code PathPattern} syntax, e.g. {@code /notify/twilio/**}
 */
public record SignedWebhookPaths(List<String> patterns) {

    public SignedWebhookPaths {
        patterns = List.copyOf(patterns);
    }

    public static SignedWebhookPaths of(String... patterns) {
        return new SignedWebhookPaths(List.of(patterns));
    }
}
