package org.caregate.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.twilio.http.TwilioRestClient;
import java.time.Duration;
import org.caregate.IntegrationTest;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.notify.devoutbox.DevOutbox;
import org.caregate.notify.spi.Gateway;
import org.caregate.platform.SignedWebhookPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/** No SMTP server, no text or voice provider and no dev outbox: nothing may pretend to be sent. */
@IntegrationTest
@AutoConfigureMockMvc
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {
        "caregate.notify.worker.enabled=false",
        "caregate.notify.worker.max-attempts=2",
        "caregate.notify.dev-outbox.enabled=false"})
class NoGatewayIntegrationTests {

    @Autowired
    Notifications notifications;

    @Autowired
    OutboxWorker worker;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @BeforeEach
    void startFromNothing() {
        clock.reset();
        jdbc.sql("DELETE FROM notify_outbox").update();
    }

    @Test
    void textWithNowhereToGoStaysUnsentAndSaysWhy() {
        long id = notifications.queue(OutgoingMessage.text("+15075550123", "Your code is 482913."));

        worker.deliverDue();
        assertThat(statusAndError(id)).isEqualTo("PENDING: no gateway configured for SMS");

        clock.advance(Duration.ofSeconds(30));
        worker.deliverDue();
        assertThat(statusAndError(id)).isEqualTo("FAILED: no gateway configured for SMS");
    }

    @Test
    void callAndEmailWithNowhereToGoAreNotSentEither() {
        long call = notifications.queue(OutgoingMessage.call("+15075550123", "Your code is 4 8 2 9 1 3."));
        long email = notifications.queue(OutgoingMessage.email("pat.doe@example.org", "Code", "482913"));

        worker.deliverDue();

        assertThat(statusAndError(call)).isEqualTo("PENDING: no gateway configured for VOICE");
        assertThat(statusAndError(email)).isEqualTo("PENDING: no gateway configured for EMAIL");
    }

    @Test
    void noTwilioWithoutAnAccount() throws Exception {
        // application.yml gives the account SID a blank default: that is no account, not an empty one.
        assertThat(context.getBeanNamesForType(Gateway.class)).isEmpty();
        assertThat(context.getBeanNamesForType(TwilioRestClient.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SignedWebhookPaths.class)).isEmpty();
        mvc.perform(post("/notify/twilio/sms/1/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content("MessageStatus=delivered")).andExpect(status().isForbidden());
    }

    @Test
    void devOutboxIsAbsentWhenTurnedOff() throws Exception {
        assertThat(context.getBeanNamesForType(DevOutbox.class)).isEmpty();
        mvc.perform(get("/dev/outbox").accept(MediaType.TEXT_HTML)).andExpect(status().isNotFound());
        mvc.perform(get("/dev/outbox").accept(MediaType.APPLICATION_JSON)).andExpect(status().isNotFound());
    }

    private String statusAndError(long id) {
        return jdbc.sql("SELECT status || ': ' || last_error FROM notify_outbox WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single();
    }
}
