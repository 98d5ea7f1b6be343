package org.caregate.apps.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The client assertions backend apps have already used, by their {@code jti}, until they expire: an
 * assertion copied on its way (a log, a proxy) gets no second token. In PostgreSQL, so a replay to
 * another node is refused too; the primary key decides between two nodes at the same moment.
 */
@Repository
class UsedAssertions {

    private final JdbcClient jdbc;

    UsedAssertions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the assertion as used, unless it was used before; forgets assertions that have expired.
     *
     * @param usableUntil when the assertion stops being accepted anyway (its exp plus the clock skew)
     * @return whether this is its first use
     */
    boolean firstUse(String clientId, String jti, Instant usableUntil, Instant now) {
        jdbc.sql("DELETE FROM app_client_assertion WHERE expires_at < ?").param(Timestamp.from(now)).update();
        return jdbc.sql("""
                INSERT INTO app_client_assertion (client_id, jti, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (client_id, jti) DO NOTHING
                """).params(clientId, jti, Timestamp.from(usableUntil)).update() == 1;
    }
}
