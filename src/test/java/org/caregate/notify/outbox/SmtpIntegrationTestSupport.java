package org.caregate.notify.outbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.caregate.IntegrationTest;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.notify.Notifications;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The application with a real SMTP server (GreenMail on a free loopback port), a clock the tests
 * move, and the worker's schedule off so that tests run it by hand as node {@code node-b}. Test
 * classes extending this share one Spring context, database and SMTP server.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = {
        "caregate.notify.worker.enabled=false",
        "caregate.notify.worker.node-id=node-b",
        "caregate.notify.worker.max-attempts=3",
        "caregate.notify.email.from=Riverbend Clinic <portal@caregate.test>"})
abstract class SmtpIntegrationTestSupport {

    static final GreenMail smtp = new GreenMail(new ServerSetup(freeLoopbackPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getServerSetup().getPort());
    }

    @Autowired
    Notifications notifications;

    @Autowired
    OutboxWorker worker;

    @Autowired
    Outbox outbox;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void startFromNothing() throws Exception {
        if (!smtp.isRunning()) {
            smtp.start();
        }
        smtp.purgeEmailFromAllMailboxes();
        clock.reset();
        jdbc.sql("DELETE FROM notify_outbox").update();
        jdbc.sql("DELETE FROM dev_outbox_entry").update();
    }

    /** What the outbox table holds for one message. */
    record Row(String status, String body, int attempts, @Nullable String claimedBy, @Nullable String lastError,
            Instant nextAttemptAt, @Nullable Instant sentAt) {}

    Row row(long id) {
        return jdbc.sql("""
                SELECT status, body, attempts, claimed_by, last_error, next_attempt_at, sent_at
                  FROM notify_outbox WHERE id = :id""")
                .param("id", id)
                .query((rs, n) -> new Row(rs.getString("status"), rs.getString("body"), rs.getInt("attempts"),
                        rs.getString("claimed_by"), rs.getString("last_error"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("sent_at", OffsetDateTime.class) == null
                                ? null : rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
                .single();
    }

    int devOutboxEntries() {
        return jdbc.sql("SELECT count(*) FROM dev_outbox_entry").query(Integer.class).single();
    }

    private static int freeLoopbackPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
