package org.caregate.identity.activation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.identity.ActivationCodes.Delivery;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Activation codes as issued: by their keyed hash, with who issued them, when and how. */
@Repository
class IssuedCodes {

    private final JdbcClient jdbc;

    IssuedCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A code that was issued; {@code working} says whether it may still be used at {@code now}. */
    record Issued(UUID id, PatientId patientId, String organizationId, Instant expiresAt, boolean working) {}

    /** Retires the patient's working code at the organisation, if any, so the new one is the only one. */
    void retireWorking(PatientId patient, String organizationId, Instant now) {
        jdbc.sql("""
                UPDATE activation_code SET retired_at = ?
                 WHERE patient_id = ? AND organization_id = ? AND used_at IS NULL AND retired_at IS NULL""")
                .params(Timestamp.from(now), patient.value(), organizationId).update();
    }

    void insert(UUID id, PatientId patient, String organizationId, byte[] hash, Delivery delivery,
            @Nullable AccountId issuedBy, Instant now, Instant expires) {
        jdbc.sql("""
                INSERT INTO activation_code (id, patient_id, organization_id, code_hash, delivery, issued_by_account_id,
                                             issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, patient.value(), organizationId, hash, delivery.name(),
                        issuedBy == null ? null : issuedBy.value(), Timestamp.from(now), Timestamp.from(expires))
                .update();
    }

    /** The code with this hash, working or not. */
    Optional<Issued> findByHash(byte[] hash, Instant now) {
        return jdbc.sql("""
                SELECT id, patient_id, organization_id, expires_at,
                       (used_at IS NULL AND retired_at IS NULL AND expires_at > ?) AS working
                  FROM activation_code WHERE code_hash = ?""")
                .params(Timestamp.from(now), hash)
                .query((rs, row) -> new Issued(rs.getObject("id", UUID.class),
                        new PatientId(rs.getObject("patient_id", UUID.class)), rs.getString("organization_id"),
                        rs.getTimestamp("expires_at").toInstant(), rs.getBoolean("working")))
                .optional();
    }

    boolean hasWorking(PatientId patient, String organizationId, Instant now) {
        return jdbc.sql("""
                SELECT count(*) FROM activation_code
                 WHERE patient_id = ? AND organization_id = ? AND used_at IS NULL AND retired_at IS NULL AND expires_at > ?""")
                .params(patient.value(), organizationId, Timestamp.from(now)).query(Long.class).single() > 0;
    }

    /**
     * Marks the code used, if it still works. Two browsers racing with one code: the second
     * update waits for the first transaction's row lock, then finds the code used and changes nothing.
     */
    boolean markUsed(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE activation_code SET used_at = ?
                 WHERE id = ? AND used_at IS NULL AND retired_at IS NULL AND expires_at > ?""")
                .params(Timestamp.from(now), id, Timestamp.from(now)).update() == 1;
    }

    void recordAccount(UUID id, AccountId account) {
        jdbc.sql("UPDATE activation_code SET used_by_account_id = ? WHERE id = ?").params(account.value(), id).update();
    }

    /** Retires every working code of the patient: they have an account now. */
    void retireAllWorking(PatientId patient, Instant now) {
        jdbc.sql("UPDATE activation_code SET retired_at = ? WHERE patient_id = ? AND used_at IS NULL AND retired_at IS NULL")
                .params(Timestamp.from(now), patient.value()).update();
    }

    /** Patients with a working code at any organisation, newest first (the demo's pick list). */
    List<PatientId> patientsWithWorkingCodes(Instant now, int limit) {
        return jdbc.sql("""
                SELECT patient_id FROM activation_code
                 WHERE used_at IS NULL AND retired_at IS NULL AND expires_at > ?
                 ORDER BY issued_at DESC LIMIT ?""")
                .params(Timestamp.from(now), limit)
                .query((rs, row) -> new PatientId(rs.getObject("patient_id", UUID.class))).list();
    }
}
