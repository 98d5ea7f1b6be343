package org.caregate.notify.twilio;

import com.twilio.http.TwilioRestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Twilio API client. */
@Configuration(proxyBeanMethods = false)
@TwilioConfigured
class TwilioConfiguration {

    /** Where every Twilio webhook lives. */
    static final String WEBHOOKS = "/notify/twilio";

    @Bean
    TwilioHttp twilioHttp(TwilioSettings settings) {
        return new TwilioHttp(settings.apiBaseUrl());
    }

    @Bean
    TwilioRestClient twilioRestClient(TwilioSettings settings, TwilioHttp http) {
        return new TwilioRestClient.Builder(settings.accountSid(), settings.authToken()).httpClient(http).build();
    }
}
