package org.caregate.notify.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.notify.CallEnded;
import org.caregate.notify.KeyPressCall;
import org.caregate.notify.KeyPressed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Twilio's callbacks about key-press calls: acted on only with Twilio's signature over the portal's
 * public address, refused with 403 and no effect otherwise.
 */
@ExtendWith(OutputCaptureExtension.class)
class TwilioWebhooksIntegrationTests extends TwilioIntegrationTestSupport {

    static final String TO = "+15075550123";

    @Autowired
    ApplicationEvents events;

    @Test
    void keyPressedOnTheCallIsPublishedAndTheCallerThankedInTheCallsLanguage() throws Exception {
        UUID ref = UUID.randomUUID();
        String keyAddress = gatherAction(placeCall(ref, Locale.forLanguageTag("es")));

        mvc.perform(signedWebhook(keyAddress, keyPress("1")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_XML))
                .andExpect(content().string(
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Say language=\"es-MX\">Gracias. Adiós.</Say>"
                                + "<Hangup/></Response>"));

        assertThat(events.stream(KeyPressed.class)).containsExactly(new KeyPressed(ref, "1"));
    }

    @Test
    void englishCallThanksInEnglish() throws Exception {
        UUID ref = UUID.randomUUID();
        String keyAddress = gatherAction(placeCall(ref, Locale.ENGLISH));

        mvc.perform(signedWebhook(keyAddress, keyPress("#")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "<Say language=\"en-US\">Thank you. Goodbye.</Say><Hangup/>")));

        assertThat(events.stream(KeyPressed.class)).containsExactly(new KeyPressed(ref, "#"));
    }

    @Test
    void forgedSignatureIsRefusedAndPublishesNothing(CapturedOutput output) throws Exception {
        String keyAddress = keyAddress(UUID.randomUUID());

        refused(mvc.perform(webhook(keyAddress, keyPress("1"), "not-the-auth-token", keyAddress)));

        assertThat(events.stream(KeyPressed.class)).isEmpty();
        assertThat(twilioLog(output)).contains("Refused a request to /notify/twilio/voice/{call}/key: wrong signature")
                .doesNotContain("CA0123456789abcdef0123456789abcdef", TO, ACCOUNT_SID);
    }

    @Test
    void missingSignatureIsRefusedAndPublishesNothing() throws Exception {
        String keyAddress = keyAddress(UUID.randomUUID());

        refused(mvc.perform(unsigned(keyAddress, keyPress("1"))));
        refused(mvc.perform(unsigned(keyAddress, keyPress("1")).header(SIGNATURE, "")));

        assertThat(events.stream(KeyPressed.class)).isEmpty();
    }

    @Test
    void signatureForTheAddressAsTheRequestsHostNamesItIsRefused() throws Exception {
        // The request arrives at host "localhost" here; Twilio signs the portal's public address.
        String keyAddress = keyAddress(UUID.randomUUID());
        String asReceived = "http://localhost" + keyAddress.substring(PORTAL.length());

        refused(mvc.perform(webhook(keyAddress, keyPress("1"), AUTH_TOKEN, asReceived)));
        refused(mvc.perform(webhook(keyAddress, keyPress("1"), AUTH_TOKEN,
                "https://attacker.example.net" + keyAddress.substring(PORTAL.length()))));

        assertThat(events.stream(KeyPressed.class)).isEmpty();
    }

    @Test
    void signatureOfOtherFieldsOrAnotherCallIsRefused() throws Exception {
        UUID ref = UUID.randomUUID();
        String keyAddress = keyAddress(ref);
        String signedForOne = signature(keyAddress, keyPress("1"), AUTH_TOKEN);

        // The key changed on the way.
        refused(mvc.perform(unsigned(keyAddress, keyPress("9")).header(SIGNATURE, signedForOne)));
        // This call's key press, replayed against another call.
        refused(mvc.perform(unsigned(keyAddress(UUID.randomUUID()), keyPress("1")).header(SIGNATURE, signedForOne)));
        // The language in the signed address changed.
        refused(mvc.perform(webhook(keyAddress.replace("lang=en", "lang=es"), keyPress("1"), AUTH_TOKEN, keyAddress)));

        assertThat(events.stream(KeyPressed.class)).isEmpty();
    }

    @Test
    void formFieldSentTwiceIsRefused(CapturedOutput output) throws Exception {
        String keyAddress = keyAddress(UUID.randomUUID());
        String signedForOne = signature(keyAddress, Map.of("Digits", "1", "CallSid", "CA0123"), AUTH_TOKEN);

        refused(mvc.perform(unsigned(keyAddress, Map.of()).content("Digits=1&CallSid=CA0123&Digits=9")
                .header(SIGNATURE, signedForOne)));

        assertThat(events.stream(KeyPressed.class)).isEmpty();
        assertThat(twilioLog(output))
                .contains("Refused a request to /notify/twilio/voice/{call}/key: a form field sent twice");
    }

    @ParameterizedTest
    @CsvSource({"completed, ANSWERED", "busy, NOT_ANSWERED", "no-answer, NOT_ANSWERED", "canceled, NOT_ANSWERED",
            "failed, FAILED"})
    void callsEndIsPublishedAndItsStatusKeptWithTheMessage(String callStatus, CallEnded.How how) throws Exception {
        UUID ref = UUID.randomUUID();
        var call = placeCall(ref, Locale.ENGLISH);
        String statusAddress = call.formParameter("StatusCallback").firstValue();

        mvc.perform(signedWebhook(statusAddress, callStatus(callStatus))).andExpect(status().isNoContent());

        assertThat(events.stream(CallEnded.class)).containsExactly(new CallEnded(ref, how));
        long id = Long.parseLong(statusAddress.substring(statusAddress.indexOf("outbox=") + "outbox=".length()));
        assertThat(row(id).deliveryStatus()).isEqualTo(callStatus);
    }

    @Test
    void forgedCallStatusChangesNothing() throws Exception {
        UUID ref = UUID.randomUUID();
        String statusAddress = placeCall(ref, Locale.ENGLISH).formParameter("StatusCallback").firstValue();

        refused(mvc.perform(webhook(statusAddress, callStatus("completed"), "not-the-auth-token", statusAddress)));

        assertThat(events.stream(CallEnded.class)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM notify_outbox WHERE delivery_status IS NOT NULL")
                .query(Long.class).single()).isZero();
    }

    @Test
    void callStatusThatIsNotAnEndEndsNothing() throws Exception {
        UUID ref = UUID.randomUUID();
        String statusAddress = placeCall(ref, Locale.ENGLISH).formParameter("StatusCallback").firstValue();

        mvc.perform(signedWebhook(statusAddress, callStatus("in-progress"))).andExpect(status().isNoContent());

        assertThat(events.stream(CallEnded.class)).isEmpty();
    }

    @Test
    void endOfACallThatReadAMessageIsKeptWithTheMessage() throws Exception {
        long id = notifications.queue(org.caregate.notify.OutgoingMessage.call(TO, "Your code is 4 8 2 9 1 3."));
        deliverDue();
        String statusAddress = PORTAL + "/notify/twilio/voice/outbox/" + id + "/status";

        mvc.perform(signedWebhook(statusAddress, callStatus("no-answer"))).andExpect(status().isNoContent());

        assertThat(row(id).deliveryStatus()).isEqualTo("no-answer");
        assertThat(events.stream(CallEnded.class)).as("only key-press calls publish their end").isEmpty();
    }

    /** Queues a key-press call, lets the worker place it, and returns Twilio's copy of the request. */
    private com.github.tomakehurst.wiremock.verification.LoggedRequest placeCall(UUID ref, Locale language) {
        twilio.stubFor(post(API + "/Calls.json").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"CA0123456789abcdef0123456789abcdef\", \"status\": \"queued\"}")));
        notifications.queue(new KeyPressCall(ref, TO, "To confirm your number, press 1.", language));
        assertThat(deliverDue()).isEqualTo(1);
        return twilio.findAll(postRequestedFor(urlEqualTo(API + "/Calls.json"))).getLast();
    }

    /** The address the call's TwiML tells Twilio to send the pressed key to. */
    private static String gatherAction(com.github.tomakehurst.wiremock.verification.LoggedRequest call) {
        Matcher action = Pattern.compile("<Gather [^>]*action=\"([^\"]+)\"").matcher(call.formParameter("Twiml").firstValue());
        assertThat(action.find()).isTrue();
        return action.group(1).replace("&amp;", "&");
    }

    private static String keyAddress(UUID ref) {
        return PORTAL + "/notify/twilio/voice/" + ref + "/key?lang=en";
    }

    private static Map<String, String> keyPress(String digits) {
        var fields = new LinkedHashMap<String, String>();
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put("CallSid", "CA0123456789abcdef0123456789abcdef");
        fields.put("CallStatus", "in-progress");
        fields.put("Digits", digits);
        fields.put("Direction", "outbound-api");
        fields.put("From", FROM);
        fields.put("To", TO);
        return fields;
    }

    private static Map<String, String> callStatus(String callStatus) {
        return Map.of("AccountSid", ACCOUNT_SID, "CallSid", "CA0123456789abcdef0123456789abcdef",
                "CallStatus", callStatus, "CallDuration", "12", "To", TO, "From", FROM);
    }

    /** This package's log lines (MockMvc prints whole requests when a test fails). */
    private static String twilioLog(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains("\"logger\":\"org.caregate.notify.twilio"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static void refused(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.title").value("Forbidden"));
    }
}
