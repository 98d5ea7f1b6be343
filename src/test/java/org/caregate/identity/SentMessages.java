package org.caregate.identity;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the portal sent, for integration tests: the messages queued (at once, from the outbox
 * table) and, once the worker delivered them, their text (from the dev outbox's JSON, as a person
 * trying the demo reads it).
 */
public final class SentMessages {

    /** A reset code as the messages show it: {@code ABCD-2345}. */
    public static final Pattern RESET_CODE = Pattern.compile("\\b([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})\\b");
    public static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    private final int port;
    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    public SentMessages(int port, JdbcClient jdbc) {
        this.port = port;
        this.jdbc = jdbc;
    }

    /**
     * One delivered message, as the dev outbox shows it.
     *
     * @param callRef for a call that waits for a key press, the reference its "press" buttons use
     */
    public record Sent(String channel, String to, String subject, String body, String callRef) {}

    /** How many messages were queued for this address or number, sent yet or not. */
    public long queuedTo(String recipient) {
        return jdbc.sql("SELECT count(*) FROM notify_outbox WHERE recipient = ?").param(recipient).query(Long.class).single();
    }

    /** Waits (briefly) until {@code count} messages to this recipient were delivered; newest first. */
    public List<Sent> delivered(String recipient, int count) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> deliveredNow(recipient).size() >= count);
        return deliveredNow(recipient);
    }

    /**
     * The newest message to this recipient, once everything queued for it has been delivered (a
     * sign-in may have queued a "new sign-in" notice just before).
     */
    public Sent newest(String recipient) {
        return delivered(recipient, (int) Math.max(1, queuedTo(recipient))).getFirst();
    }

    /** The newest message to this recipient with this subject, once everything queued for it was delivered. */
    public Sent newest(String recipient, String subject) {
        return delivered(recipient, (int) Math.max(1, queuedTo(recipient))).stream()
                .filter(sent -> subject.equals(sent.subject())).findFirst()
                .orElseThrow(() -> new AssertionError("No message with the subject: " + subject));
    }

    public List<Sent> deliveredNow(String recipient) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/outbox"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            List<Map<String, Object>> entries = json.readValue(response.body(), new TypeReference<>() {});
            return entries.stream().filter(e -> recipient.equals(e.get("to")))
                    .map(e -> new Sent((String) e.get("channel"), (String) e.get("to"), (String) e.get("subject"),
                            (String) e.get("body"), (String) e.get("callRef")))
                    .toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String code(Sent message, Pattern pattern) {
        Matcher matcher = pattern.matcher(message.body());
        if (!matcher.find()) {
            throw new AssertionError("No code in the message");
        }
        return matcher.group(1);
    }
}
