package org.caregate.notify.twilio;

import com.twilio.http.TwilioRestClient;
import org.caregate.platform.SignedWebhookPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Twilio API client, and the webhook addresses Twilio signs. */
@Configuration(proxyBeanMethods = false)
@TwilioConfigured
class TwilioConfiguration {

    /** Where every Twilio webhook lives; {@link TwilioWebhooks} checks each request's signature. */
    static final String WEBHOOKS = "/notify/twilio";

    @Bean
    TwilioHttp twilioHttp(TwilioSettings settings) {
        return new TwilioHttp(settings.apiBaseUrl());
    }

    @Bean
    TwilioRestClient twilioRestClient(TwilioSettings settings, TwilioHttp http) {
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).httpClient(http).build();
    }

    @Bean
    SignedWebhookPaths twilioWebhookPaths() {
        return SignedWebhookPaths.of(WEBHOOKS + "/**");
    }
}
