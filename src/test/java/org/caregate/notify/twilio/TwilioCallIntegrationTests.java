package org.caregate.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.Locale;
import java.util.UUID;
import org.caregate.notify.KeyPressCall;
import org.caregate.notify.OutgoingMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls go to Twilio's Calls API with what they say as TwiML, and name where Twilio reports back. */
class TwilioCallIntegrationTests extends TwilioIntegrationTestSupport {

    static final String CALLS = API + "/Calls.json";
    static final String TO = "+15075550123";

    @BeforeEach
    void twilioAcceptsCalls() {
        twilio.stubFor(post(CALLS).willReturn(aResponse()
                .withStatus(201)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("""
                        {"account_sid": "%1$s", "annotation": null, "answered_by": null, "api_version": "2010-04-01",
                         "caller_name": null, "date_created": null, "date_updated": null, "direction": "outbound-api",
                         "duration": null, "end_time": null, "forwarded_from": null, "from": "%2$s",
                         "from_formatted": "(507) 555-0100", "group_sid": null, "parent_call_sid": null,
                         "phone_number_sid": "PN0123456789abcdef0123456789abcdef", "price": null, "price_unit": "USD",
                         "sid": "CA0123456789abcdef0123456789abcdef", "start_time": null, "status": "queued",
                         "subresource_uris": {}, "to": "%3$s", "to_formatted": "(507) 555-0123", "trunk_sid": null,
                         "uri": "/2010-04-01/Accounts/%1$s/Calls/CA0123456789abcdef0123456789abcdef.json",
                         "queue_time": "0"}
                        """.formatted(ACCOUNT_SID, FROM, TO))));
    }

    @Test
    void keyPressCallWaitsForOneKeyAndSaysThePromptTwiceInItsLanguage() {
        UUID ref = UUID.randomUUID();
        long id = notifications.queue(new KeyPressCall(ref, TO,
                "Riverbend Clinic. Para confirmar su número, oprima 1.", Locale.forLanguageTag("es")));

        assertThat(deliverDue()).isEqualTo(1);

        twilio.verify(1, postRequestedFor(urlEqualTo(CALLS))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withFormParam("To", equalTo(TO))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("StatusCallback", equalTo(PORTAL + "/notify/twilio/voice/" + ref + "/status?outbox=" + id))
                .withFormParam("StatusCallbackEvent", equalTo("completed"))
                .withFormParam("StatusCallbackMethod", equalTo("POST")));
        String twiml = callRequest().formParameter("Twiml").firstValue();
        assertThat(twiml)
                .startsWith("<?xml").contains("<Response><Gather ")
                .contains("numDigits=\"1\"", "timeout=\"10\"", "finishOnKey=\"\"", "method=\"POST\"",
                        "action=\"" + PORTAL + "/notify/twilio/voice/" + ref + "/key?lang=es\"")
                .contains("<Say language=\"es-MX\">Riverbend Clinic. Para confirmar su número, oprima 1.</Say>")
                .contains("<Pause length=\"1\"/>")
                .contains("</Gather><Say language=\"es-MX\">No oímos ninguna tecla. Adiós.</Say><Hangup/></Response>")
                .doesNotContain("en-US");
        assertThat(twiml.split("oprima 1\\.", -1)).as("the prompt is said twice").hasSize(3);
        assertThat(row(id).status()).isEqualTo("SENT");
    }

    @Test
    void keyPressCallInAnyOtherLanguageSpeaksEnglish() {
        UUID ref = UUID.randomUUID();
        notifications.queue(new KeyPressCall(ref, TO, "To confirm your number, press 1.", Locale.FRENCH));

        deliverDue();

        String twiml = callRequest().formParameter("Twiml").firstValue();
        assertThat(twiml).contains("<Say language=\"en-US\">To confirm your number, press 1.</Say>",
                        "<Say language=\"en-US\">We did not hear a key. Goodbye.</Say>",
                        "/notify/twilio/voice/" + ref + "/key?lang=fr\"")
                .doesNotContain("es-MX");
    }

    @Test
    void callThatReadsAMessageSaysItTwiceAndReportsItsEndForTheOutbox() {
        long id = notifications.queue(OutgoingMessage.call(TO, "Your code is 4 8 2 9 1 3."));

        deliverDue();

        LoggedRequest call = callRequest();
        assertThat(call.formParameter("StatusCallback").firstValue())
                .isEqualTo(PORTAL + "/notify/twilio/voice/outbox/" + id + "/status");
        assertThat(call.formParameter("Twiml").firstValue()).endsWith(
                "<Response><Say language=\"en-US\">Your code is 4 8 2 9 1 3.</Say><Pause length=\"1\"/>"
                        + "<Say language=\"en-US\">Your code is 4 8 2 9 1 3.</Say></Response>");
    }

    @Test
    void wordsThatLookLikeTwimlAreSaidNotObeyed() {
        notifications.queue(OutgoingMessage.call(TO, "<Dial>+15075550199</Dial> & more"));

        deliverDue();

        assertThat(callRequest().formParameter("Twiml").firstValue())
                .contains("&lt;Dial&gt;+15075550199&lt;/Dial&gt; &amp; more")
                .doesNotContain("<Dial>");
    }

    private static LoggedRequest callRequest() {
        return twilio.findAll(postRequestedFor(urlEqualTo(CALLS))).getFirst();
    }
}
