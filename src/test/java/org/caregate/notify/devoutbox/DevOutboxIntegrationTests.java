package org.caregate.notify.devoutbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.caregate.IntegrationTest;
import org.caregate.notify.Channel;
import org.caregate.notify.MutableClock;
import org.caregate.notify.spi.Delivery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The demo's {@code /dev/outbox}: a page people read on a phone, and JSON for scripts. */
@IntegrationTest
@AutoConfigureMockMvc
class DevOutboxIntegrationTests {

    static final Instant FIRST = MutableClock.START;

    @Autowired
    DevOutbox devOutbox;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void startFromNothing() {
        jdbc.sql("DELETE FROM dev_outbox_entry").update();
    }

    @Test
    void jsonListsEntriesNewestFirstWithExactlyTheirFields() throws Exception {
        recordThree();

        String body = mvc.perform(get("/dev/outbox").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andReturn().getResponse().getContentAsString();
        List<Map<String, Object>> entries = json.readValue(body, new TypeReference<>() {});

        assertThat(entries).containsExactly(
                entry("VOICE", "+15075550199", null, "Your code is 7 7 1 2 0 4.", FIRST.plusSeconds(120)),
                entry("SMS", "+15075550123", null, "Your code is 482913.", FIRST.plusSeconds(60)),
                entry("EMAIL", "pat.doe@example.org", "Your sign-in code", "Your code is 310577.", FIRST));
    }

    @Test
    void pageListsEntriesInATableThatReadsOnAPhone() throws Exception {
        recordThree();

        String page = mvc.perform(get("/dev/outbox").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("<h1>Dev outbox: messages the portal sent</h1>", "<table class=\"outbox\">",
                "<th scope=\"col\">To</th>", "<td data-label=\"How\">Phone call</td>",
                "<td data-label=\"To\">pat.doe@example.org</td>", "<pre>Your code is 482913.</pre>",
                "2026-11-23 09:02:00 UTC");
        assertThat(page.indexOf("Phone call")).isLessThan(page.indexOf("Text message"));
        assertThat(page.indexOf("Text message")).isLessThan(page.indexOf("<td data-label=\"How\">E-mail"));
        assertThat(page).doesNotContain("style=", "<script>", "onclick");
    }

    @Test
    void pageSpeaksSpanish() throws Exception {
        recordThree();

        String page = mvc.perform(get("/dev/outbox").param("lang", "es").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Buzón de prueba", "<td data-label=\"Cómo\">Llamada telefónica</td>",
                "Mensajes enviados, del más nuevo al más antiguo");
    }

    @Test
    void emptyOutboxSaysNothingWasSent() throws Exception {
        String page = mvc.perform(get("/dev/outbox").accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();

        assertThat(page).contains("Nothing has been sent yet.").doesNotContain("<table");
        mvc.perform(get("/dev/outbox").accept(MediaType.APPLICATION_JSON))
                .andExpect(content().json("[]"));
    }

    private void recordThree() {
        devOutbox.record(new Delivery(1, Channel.EMAIL, "pat.doe@example.org", "Your sign-in code",
                "Your code is 310577."), FIRST);
        devOutbox.record(new Delivery(2, Channel.SMS, "+15075550123", null, "Your code is 482913."),
                FIRST.plus(Duration.ofMinutes(1)));
        devOutbox.record(new Delivery(3, Channel.VOICE, "+15075550199", null, "Your code is 7 7 1 2 0 4."),
                FIRST.plus(Duration.ofMinutes(2)));
    }

    private static Map<String, Object> entry(String channel, String to, String subject, String body, Instant at) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("channel", channel);
        entry.put("to", to);
        entry.put("subject", subject);
        entry.put("body", body);
        entry.put("callRef", null);
        entry.put("createdAt", at.toString());
        return entry;
    }
}
