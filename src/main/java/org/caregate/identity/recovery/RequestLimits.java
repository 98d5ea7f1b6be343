package org.caregate.identity.recovery;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many codes and reminders were asked for lately, counted in PostgreSQL so every node sees the
 * same numbers. Texts and calls cost money, so a script must not be able to pump them; the counters
 * run over a sliding window and never lock anyone out for longer than that window.
 */
@Component
public class RequestLimits {

    private static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    RequestLimits(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Counts one request for {@code what} (e.g. {@code "reset-address:203.0.113.9"}) if fewer than
     * {@code max} were counted in the last {@code window}.
     *
     * @return false, counting nothing, when the limit is reached
     */
    @Transactional
    public boolean allow(String what, int max, Duration window) {
        byte[] bucket = OneTimeCodes.sha256().digest(what.getBytes(StandardCharsets.UTF_8));
        // One request at a time per bucket, across nodes: two requests cannot both take the last place.
        jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?)").param(ByteBuffer.wrap(bucket).getLong())
                .query(Integer.class).single();
        Instant now = clock.instant();
        long recent = jdbc.sql("SELECT count(*) FROM recovery_request WHERE bucket = ? AND at > ?")
                .params(bucket, Timestamp.from(now.minus(window))).query(Long.class).single();
        if (recent >= max) {
            return false;
        }
        jdbc.sql("INSERT INTO recovery_request (bucket, at) VALUES (?, ?)").params(bucket, Timestamp.from(now)).update();
        return true;
    }

    /** Old counts, codes and pending contact changes (which hold the new address) are of no further use. */
    @Scheduled(cron = "${caregate.recovery.clean-up-cron:0 17 * * * *}")
    void forgetOldRequests() {
        Timestamp before = Timestamp.from(clock.instant().minus(KEPT));
        jdbc.sql("DELETE FROM recovery_request WHERE at < ?").param(before).update();
        jdbc.sql("DELETE FROM password_reset_code WHERE created_at < ?").param(before).update();
        jdbc.sql("DELETE FROM contact_confirmation WHERE created_at < ?").param(before).update();
    }
}
