package org.caregate.apps.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Backend apps get a new approval with every token (the EHR's import client: one per bundle, five
 * minutes each), so without this they would pile up. Once its token has expired nothing can use
 * such an approval; a day later it is deleted, every hour, on every node alike. Patients' approvals
 * are left alone: their Connected apps page lists them.
 */
@Component
class ExpiredSystemApprovals {

    static final Duration KEPT = Duration.ofDays(1);

    private final JdbcClient jdbc;
    private final Clock clock;

    ExpiredSystemApprovals(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Scheduled(cron = "0 41 * * * *")
    int remove() {
        return jdbc.sql("DELETE FROM app_authorization WHERE grant_type = 'client_credentials' AND access_expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(KEPT))).update();
    }
}
