package org.caregate.identity.settings;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PhoneKind;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** New e-mail addresses and phone numbers waiting for their confirmation code, by the code's hash. */
@Repository
class ContactConfirmations {

    enum Kind { EMAIL, PHONE }

    record Pending(UUID id, String newValue, @Nullable PhoneKind phoneKind, byte[] salt, byte[] hash, int tries) {

        @Override
        public String toString() {
            return "Pending[" + id + "]";
        }
    }

    private final JdbcClient jdbc;

    ContactConfirmations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a new pending change, giving up earlier ones of the same kind for the account. */
    void replace(AccountId account, byte[] session, Kind kind, String newValue, @Nullable PhoneKind phoneKind, byte[] salt,
            byte[] hash, Instant now, Instant expires) {
        jdbc.sql("""
                UPDATE contact_confirmation SET retired_at = ?
                 WHERE account_id = ? AND kind = ? AND confirmed_at IS NULL AND retired_at IS NULL""")
                .params(Timestamp.from(now), account.value(), kind.name()).update();
        jdbc.sql("""
                INSERT INTO contact_confirmation (id, account_id, session_hash, kind, new_value, phone_kind, code_salt,
                                                  code_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(UUID.randomUUID(), account.value(), session, kind.name(), newValue,
                        phoneKind == null ? null : phoneKind.name(), salt, hash, Timestamp.from(now), Timestamp.from(expires))
                .update();
    }

    /** The change of this kind waiting in this session: not confirmed, not given up, not expired, tries left. */
    Optional<Pending> waiting(AccountId account, byte[] session, Kind kind, Instant now, int maxTries) {
        return jdbc.sql("""
                SELECT id, new_value, phone_kind, code_salt, code_hash, tries FROM contact_confirmation
                 WHERE account_id = ? AND session_hash = ? AND kind = ? AND confirmed_at IS NULL AND retired_at IS NULL
                   AND expires_at > ? AND tries < ?
                 ORDER BY created_at DESC LIMIT 1""")
                .params(account.value(), session, kind.name(), Timestamp.from(now), maxTries)
                .query((rs, row) -> {
                    String phoneKind = rs.getString("phone_kind");
                    return new Pending(rs.getObject("id", UUID.class), rs.getString("new_value"),
                            phoneKind == null ? null : PhoneKind.valueOf(phoneKind), rs.getBytes("code_salt"),
                            rs.getBytes("code_hash"), rs.getInt("tries"));
                })
                .optional();
    }

    void countWrongTry(UUID id) {
        jdbc.sql("UPDATE contact_confirmation SET tries = tries + 1 WHERE id = ?").param(id).update();
    }

    /** Marks the change confirmed; false when it was confirmed or given up meanwhile. */
    boolean confirm(UUID id, Instant now) {
        return jdbc.sql("""
                UPDATE contact_confirmation SET confirmed_at = ?
                 WHERE id = ? AND confirmed_at IS NULL AND retired_at IS NULL""")
                .params(Timestamp.from(now), id).update() == 1;
    }
}
