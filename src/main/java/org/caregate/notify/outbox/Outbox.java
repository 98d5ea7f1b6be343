package org.caregate.notify.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caregate.notify.Channel;
import org.caregate.notify.OutgoingMessage;
import org.caregate.notify.spi.Delivery;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code notify_outbox} table. Every outcome is recorded only {@code WHERE claim_token = ?}:
 * a node whose lease ran out while it was sending cannot overwrite what the node that took over
 * recorded.
 */
@Repository
class Outbox {

    private static final String ADD = """
            INSERT INTO notify_outbox (channel, recipient, subject, body, call_ref, language, status, next_attempt_at,
                created_at)
            VALUES (:channel, :recipient, :subject, :body, :callRef, :language, 'PENDING', :now, :now)
            RETURNING id""";

    // One statement, so one short transaction: lock what is due, skipping rows another node is
    // claiming at this moment, and mark it ours. Rows whose lease ran out belonged to a node that died.
    private static final String CLAIM = """
            WITH due AS (
                SELECT id FROM notify_outbox
                 WHERE (status = 'PENDING' AND next_attempt_at <= :now)
                    OR (status = 'SENDING' AND lease_until <= :now)
                 ORDER BY id
                 LIMIT :limit
                   FOR UPDATE SKIP LOCKED)
            UPDATE notify_outbox o
               SET status = 'SENDING', attempts = o.attempts + 1,
                   claimed_by = :node, claim_token = :token, lease_until = :leaseUntil
              FROM due
             WHERE o.id = due.id
            RETURNING o.id, o.channel, o.recipient, o.subject, o.body, o.call_ref, o.language, o.attempts""";

    // The body goes as soon as it has done its job: it can hold a one-time code.
    private static final String MARK_SENT = """
            UPDATE notify_outbox
               SET status = 'SENT', sent_at = :now, body = '', last_error = NULL,
                   claim_token = NULL, lease_until = NULL
             WHERE id = :id AND claim_token = :token""";

    private static final String RETRY_LATER = """
            UPDATE notify_outbox
               SET status = 'PENDING', next_attempt_at = :next, last_error = :error,
                   claim_token = NULL, lease_until = NULL
             WHERE id = :id AND claim_token = :token""";

    // Nothing will send a failed message again, and any code in it has expired: erase the body too.
    private static final String MARK_FAILED = """
            UPDATE notify_outbox
               SET status = 'FAILED', body = '', last_error = :error,
                   claim_token = NULL, lease_until = NULL
             WHERE id = :id AND claim_token = :token""";

    // An attempt that never started does not count.
    private static final String RELEASE = """
            UPDATE notify_outbox
               SET status = 'PENDING', attempts = attempts - 1, claim_token = NULL, lease_until = NULL
             WHERE id = :id AND claim_token = :token""";

    private final JdbcClient jdbc;

    Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a message, in the caller's transaction if there is one; returns its id. */
    long add(OutgoingMessage message, Instant now) {
        return add(message, null, null, now);
    }

    /** Adds a message, or with a reference and a language a call that waits for a key press. */
    long add(OutgoingMessage message, @Nullable UUID callRef, @Nullable Locale language, Instant now) {
        return jdbc.sql(ADD)
                .param("channel", message.channel().name())
                .param("recipient", message.to())
                .param("subject", message.subject())
                .param("body", message.body())
                .param("callRef", callRef)
                .param("language", language == null ? null : language.toLanguageTag())
                .param("now", timestamp(now))
                .query(Long.class)
                .single();
    }

    /** Claims up to {@code limit} due messages for {@code node}, under one fresh claim token. */
    List<ClaimedMessage> claim(String node, Instant now, Duration lease, int limit) {
        UUID token = UUID.randomUUID();
        Instant leaseUntil = now.plus(lease);
        return jdbc.sql(CLAIM)
                .param("now", timestamp(now))
                .param("limit", limit)
                .param("node", node)
                .param("token", token)
                .param("leaseUntil", timestamp(leaseUntil))
                .query((rs, row) -> new ClaimedMessage(delivery(rs), rs.getInt("attempts"), token, leaseUntil))
                .list();
    }

    /** Records the message as sent and erases its body; false if the claim is no longer ours. */
    boolean markSent(ClaimedMessage message, Instant now) {
        return jdbc.sql(MARK_SENT)
                .param("now", timestamp(now))
                .param("id", message.id())
                .param("token", message.claimToken())
                .update() == 1;
    }

    /** Puts the message back to be tried again at {@code next}; false if the claim is no longer ours. */
    boolean retryLater(ClaimedMessage message, Instant next, String error) {
        return jdbc.sql(RETRY_LATER)
                .param("next", timestamp(next))
                .param("error", error)
                .param("id", message.id())
                .param("token", message.claimToken())
                .update() == 1;
    }

    /** Gives the message up for good; false if the claim is no longer ours. */
    boolean markFailed(ClaimedMessage message, String error) {
        return jdbc.sql(MARK_FAILED)
                .param("error", error)
                .param("id", message.id())
                .param("token", message.claimToken())
                .update() == 1;
    }

    /** Hands back a message this node claimed but did not start sending. */
    boolean release(ClaimedMessage message) {
        return jdbc.sql(RELEASE)
                .param("id", message.id())
                .param("token", message.claimToken())
                .update() == 1;
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getLong("id"), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
                rs.getObject("call_ref", UUID.class),
                rs.getString("language") == null ? null : Locale.forLanguageTag(rs.getString("language")));
    }

    /** Records what the provider last reported about a message's delivery; false when there is no such message. */
    boolean recordDeliveryStatus(long id, String status) {
        return jdbc.sql("UPDATE notify_outbox SET delivery_status = :status WHERE id = :id")
                .param("status", status)
                .param("id", id)
                .update() == 1;
    }

    /** PostgreSQL's driver takes {@code OffsetDateTime} for {@code timestamptz}, not {@code Instant}. */
    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
