package org.caregate.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.caregate.notify.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Texts go to Twilio's Messages API; Twilio's refusals and failures leave them to the outbox's retries. */
@ExtendWith(OutputCaptureExtension.class)
class TwilioTextMessageIntegrationTests extends TwilioIntegrationTestSupport {

    static final String MESSAGES = API + "/Messages.json";
    static final String TO = "+15075550123";
    static final OutgoingMessage CODE = OutgoingMessage.text(TO, "Riverbend Clinic: your sign-in code is 482913.");

    @Autowired
    MeterRegistry meters;

    @Test
    void queuedTextIsPostedToTwilioWithTheAccountsCredentialsAndAStatusCallback() {
        acceptTexts();
        long id = notifications.queue(CODE);

        assertThat(deliverDue()).isEqualTo(1);

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Body", equalTo("Riverbend Clinic: your sign-in code is 482913."))
                .withFormParam("StatusCallback", equalTo(PORTAL + "/notify/twilio/sms/" + id + "/status")));
        assertThat(row(id).status()).isEqualTo("SENT");
    }

    @Test
    void textTwilioRefusesIsRetriedAndNobodysNumberOrTextIsLogged(CapturedOutput output) {
        twilio.stubFor(post(MESSAGES).willReturn(twilioError(400, 21211,
                "The 'To' number " + TO + " is not a valid phone number.")));
        long id = notifications.queue(CODE);

        deliverDue();

        Row row = row(id);
        assertThat(row.status()).isEqualTo("PENDING");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("ApiException").doesNotContain(TO);
        assertThat(output.getAll()).contains("Outbox message " + id)
                .doesNotContain(TO, "5075550123", "482913", "sign-in code");
    }

    @Test
    void twilioServerErrorIsTriedOncePerAttemptAndTheOutboxRetriesLater() {
        twilio.stubFor(post(MESSAGES).willReturn(twilioError(500, 20500, "Internal Server Error")));
        long id = notifications.queue(CODE);

        deliverDue();
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(row(id).status()).isEqualTo("PENDING");

        acceptTexts();
        clock.advance(Duration.ofSeconds(30));
        assertThat(deliverDue()).isEqualTo(1);

        twilio.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(row(id).status()).isEqualTo("SENT");
        assertThat(row(id).attempts()).isEqualTo(2);
    }

    @Test
    void unreachableTwilioIsRetriedLater() {
        twilio.stop();
        try {
            long id = notifications.queue(CODE);

            deliverDue();

            assertThat(row(id).status()).isEqualTo("PENDING");
            assertThat(row(id).lastError()).startsWith("ApiConnectionException caused by");
        } finally {
            twilio.start();
        }
    }

    @Test
    void deliveryStatusTwilioReportsIsKeptWithTheMessageAndCounted() throws Exception {
        acceptTexts();
        long id = notifications.queue(CODE);
        deliverDue();
        String callback = twilio.findAll(postRequestedFor(urlEqualTo(MESSAGES))).getFirst()
                .formParameter("StatusCallback").firstValue();
        double before = delivered();

        mvc.perform(signedWebhook(callback, Map.of(
                        "MessageSid", "SM0123456789abcdef0123456789abcdef",
                        "MessageStatus", "delivered",
                        "AccountSid", ACCOUNT_SID,
                        "To", TO,
                        "From", FROM)))
                .andExpect(status().isNoContent());

        assertThat(row(id).deliveryStatus()).isEqualTo("delivered");
        assertThat(delivered()).isEqualTo(before + 1);
    }

    @Test
    void forgedDeliveryStatusChangesNothing() throws Exception {
        acceptTexts();
        long id = notifications.queue(CODE);
        deliverDue();
        String callback = PORTAL + "/notify/twilio/sms/" + id + "/status";

        mvc.perform(webhook(callback, Map.of("MessageStatus", "undelivered"), "not-the-token", callback))
                .andExpect(status().isForbidden());

        assertThat(row(id).deliveryStatus()).isNull();
    }

    private double delivered() {
        var counter = meters.find("caregate.notify.deliveries").tags("channel", "sms", "status", "delivered").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void acceptTexts() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"account_sid": "%1$s", "api_version": "2010-04-01",
                         "body": "Riverbend Clinic: your sign-in code is 482913.",
                         "date_created": "Mon, 23 Nov 2026 09:00:00 +0000", "date_sent": null,
                         "date_updated": "Mon, 23 Nov 2026 09:00:00 +0000", "direction": "outbound-api",
                         "error_code": null, "error_message": null, "from": "%2$s", "messaging_service_sid": null,
                         "num_media": "0", "num_segments": "1", "price": null, "price_unit": "USD",
                         "sid": "SM0123456789abcdef0123456789abcdef", "status": "queued",
                         "subresource_uris": {"media": "/2010-04-01/Accounts/%1$s/Messages/SM0123456789abcdef0123456789abcdef/Media.json"},
                         "to": "%3$s", "uri": "/2010-04-01/Accounts/%1$s/Messages/SM0123456789abcdef0123456789abcdef.json"}
                        """.formatted(ACCOUNT_SID, FROM, TO))));
    }

    /** An error the way Twilio's API answers one. */
    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder twilioError(int status, int code,
            String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                        """.formatted(code, message, code, status));
    }
}
