package org.caregate.notify.twilio;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.caregate.IntegrationTest;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.notify.Notifications;
import org.caregate.notify.outbox.OutboxWorkerDriver;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * The application with a Twilio account whose API is a WireMock stand-in on a loopback port, the
 * portal's public address {@code https://portal.example.org}, a clock the tests move, and the
 * outbox worker run by hand. Test classes extending this share one Spring context and database.
 */
@IntegrationTest
@AutoConfigureMockMvc
@RecordApplicationEvents
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {
        "caregate.notify.worker.enabled=false",
        "caregate.notify.worker.max-attempts=3",
        "caregate.notify.twilio.account-sid=" + TwilioIntegrationTestSupport.ACCOUNT_SID,
        "caregate.notify.twilio.auth-token=" + TwilioIntegrationTestSupport.AUTH_TOKEN,
        "caregate.notify.twilio.from-number=" + TwilioIntegrationTestSupport.FROM,
        "caregate.public-base-url=" + TwilioIntegrationTestSupport.PORTAL})
abstract class TwilioIntegrationTestSupport {

    static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "f00dfacef00dfacef00dfacef00dface";
    static final String FROM = "+15075550100";
    static final String PORTAL = "https://portal.example.org";
    static final String API = "/2010-04-01/Accounts/" + ACCOUNT_SID;
    static final String SIGNATURE = "X-Twilio-Signature";

    static final int PORT = freeLoopbackPort();
    static final WireMockServer twilio = new WireMockServer(options().bindAddress("127.0.0.1").port(PORT));

    @DynamicPropertySource
    static void twilioApi(DynamicPropertyRegistry registry) {
        registry.add("caregate.notify.twilio.api-base-url", () -> "http://127.0.0.1:" + PORT);
    }

    @BeforeAll
    static void startTwilio() {
        if (!twilio.isRunning()) {
            twilio.start();
        }
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Autowired
    Notifications notifications;

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
        twilio.resetAll();
        clock.reset();
        jdbc.sql("DELETE FROM notify_outbox").update();
        jdbc.sql("DELETE FROM dev_outbox_entry").update();
    }

    /** One run of the outbox worker; returns how many messages it claimed. */
    int deliverDue() {
        return OutboxWorkerDriver.deliverDue(context);
    }

    /** What the outbox table holds for one message. */
    record Row(String status, int attempts, @Nullable String lastError, @Nullable String deliveryStatus) {}

    Row row(long id) {
        return jdbc.sql("SELECT status, attempts, last_error, delivery_status FROM notify_outbox WHERE id = :id")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
                        rs.getString("delivery_status")))
                .single();
    }

    /** A webhook request to {@code address} (which starts with the portal's public address), unsigned. */
    static MockHttpServletRequestBuilder unsigned(String address, Map<String, String> fields) {
        return MockMvcRequestBuilders.post(address.substring(PORTAL.length()))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .content(fields.entrySet().stream()
                        .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                        .collect(Collectors.joining("&")));
    }

    /** A webhook request to {@code address}, signed with {@code token} over {@code signedAddress}. */
    static MockHttpServletRequestBuilder webhook(String address, Map<String, String> fields, String token,
            String signedAddress) {
        return unsigned(address, fields).header(SIGNATURE, signature(signedAddress, fields, token));
    }

    /** A webhook request as Twilio sends it: signed for {@code address} with the account's auth token. */
    static MockHttpServletRequestBuilder signedWebhook(String address, Map<String, String> fields) {
        return webhook(address, fields, AUTH_TOKEN, address);
    }

    /**
     * Twilio's signature, as its documentation describes it: HMAC-SHA1 keyed with the auth token, over
     * the full address followed by each POSTed field's name and value, sorted by name; Base64.
     */
    static String signature(String address, Map<String, String> fields, String token) {
        var signed = new StringBuilder(address);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(signed.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
