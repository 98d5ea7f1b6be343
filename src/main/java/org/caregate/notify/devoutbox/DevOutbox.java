package org.caregate.notify.devoutbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.caregate.notify.Channel;
import org.caregate.notify.spi.Delivery;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Demo only: a copy of every e-mail, text and call the outbox worker delivered, in addition to any
 * real gateway, so that someone trying the portal can read the codes it sent them. Off with
 * {@code caregate.notify.dev-outbox.enabled=false} and never present in the {@code prod} profile,
 * because it keeps message bodies at rest and shows them to anyone who asks.
 */
@Repository
@Profile("!prod")
@ConditionalOnBooleanProperty("caregate.notify.dev-outbox.enabled")
public class DevOutbox {

    private static final String RECORD = """
            INSERT INTO dev_outbox_entry (channel, recipient, subject, body, call_ref, created_at)
            VALUES (:channel, :recipient, :subject, :body, :callRef, :at)""";

    private static final String NEWEST_FIRST = """
            SELECT channel, recipient, subject, body, call_ref, created_at
              FROM dev_outbox_entry
             ORDER BY created_at DESC, id DESC
             LIMIT :limit""";

    private final JdbcClient jdbc;

    DevOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a copy of a message delivered at {@code at}. */
    public void record(Delivery delivery, Instant at) {
        jdbc.sql(RECORD)
                .param("channel", delivery.channel().name())
                .param("recipient", delivery.to())
                .param("subject", delivery.subject())
                .param("body", delivery.body())
                .param("callRef", delivery.callRef())
                .param("at", at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Whether the dev outbox shows a key-press call with this reference (its buttons may press keys on it). */
    boolean holdsCall(UUID ref) {
        return jdbc.sql("SELECT count(*) FROM dev_outbox_entry WHERE call_ref = :ref").param("ref", ref)
                .query(Long.class).single() > 0;
    }

    List<DevOutboxEntry> newestFirst(int limit) {
        return jdbc.sql(NEWEST_FIRST)
                .param("limit", limit)
                .query((rs, row) -> new DevOutboxEntry(
                        Channel.valueOf(rs.getString("channel")),
                        rs.getString("recipient"),
                        rs.getString("subject"),
                        rs.getString("body"),
                        rs.getObject("call_ref", UUID.class),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }
}
