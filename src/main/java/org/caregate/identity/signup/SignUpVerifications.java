package org.caregate.identity.signup;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/** One-time codes of identity proofing, each bound to one sign-up attempt in one browser session. */
@Repository
class SignUpVerifications {

    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    SignUpVerifications(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A code waiting to be entered; {@code patientId} is null for a decoy. */
    record Waiting(UUID id, @Nullable PatientId patientId, byte[] salt, byte[] hash, int tries) {}

    void insert(UUID id, byte[] session, String organizationId, @Nullable PatientId patient, byte[] salt, byte[] hash,
            Instant now, Instant expires) {
        jdbc.sql("""
                INSERT INTO signup_verification (id, session_hash, organization_id, patient_id, code_salt, code_hash,
                                                 created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, session, organizationId, patient == null ? null : patient.value(), salt, hash,
                        Timestamp.from(now), Timestamp.from(expires))
                .update();
    }

    /** The attempt's code, if it may still be entered: not entered yet, not expired, tries left. */
    Optional<Waiting> waiting(UUID id, byte[] session, String organizationId, Instant now, int maxTries) {
        return jdbc.sql("""
                SELECT id, patient_id, code_salt, code_hash, tries FROM signup_verification
                 WHERE id = ? AND session_hash = ? AND organization_id = ? AND verified_at IS NULL
                   AND expires_at > ? AND tries < ?""")
                .params(id, session, organizationId, Timestamp.from(now), maxTries)
                .query((rs, row) -> {
                    UUID patient = rs.getObject("patient_id", UUID.class);
                    return new Waiting(rs.getObject("id", UUID.class), patient == null ? null : new PatientId(patient),
                            rs.getBytes("code_salt"), rs.getBytes("code_hash"), rs.getInt("tries"));
                })
                .optional();
    }

    void countWrongTry(UUID id) {
        jdbc.sql("UPDATE signup_verification SET tries = tries + 1 WHERE id = ?").param(id).update();
    }

    /** The right code: it cannot be entered again; the account may be opened until {@code expires}. */
    boolean markVerified(UUID id, Instant now, Instant expires) {
        return jdbc.sql("UPDATE signup_verification SET verified_at = ?, expires_at = ? WHERE id = ? AND verified_at IS NULL")
                .params(Timestamp.from(now), Timestamp.from(expires), id).update() == 1;
    }

    /** Uses the entered code up to open the account; false when it expired or was used already. */
    boolean markCompleted(UUID id, byte[] session, Instant now) {
        return jdbc.sql("""
                UPDATE signup_verification SET completed_at = ?
                 WHERE id = ? AND session_hash = ? AND verified_at IS NOT NULL AND completed_at IS NULL
                   AND expires_at > ? AND patient_id IS NOT NULL""")
                .params(Timestamp.from(now), id, session, Timestamp.from(now)).update() == 1;
    }

    /** Old codes are of no further use. */
    @Scheduled(cron = "${caregate.sign-up.clean-up-cron:0 23 * * * *}")
    void forgetOld() {
        jdbc.sql("DELETE FROM signup_verification WHERE created_at < ?")
                .param(Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(1)))).update();
    }
}
