package org.caregate.identity.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Password reset codes, by their hash, each bound to the browser session that asked for it. */
@Repository
class ResetCodes {

    private static final String COLUMNS = "id, account_id, code_salt, code_hash, tries";

    private final JdbcClient jdbc;

    ResetCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A code that may still be entered; {@code accountId} is null for a decoy. */
    record ResetCode(UUID id, @Nullable AccountId accountId, byte[] salt, byte[] hash, int tries) {}

    void insert(UUID id, @Nullable AccountId account, byte[] session, byte[] salt, byte[] hash, Instant now,
            Instant expires) {
        jdbc.sql("""
                INSERT INTO password_reset_code (id, account_id, session_hash, code_salt, code_hash, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(id, account == null ? null : account.value(), session, salt, hash, Timestamp.from(now),
                        Timestamp.from(expires))
                .update();
    }

    /** Codes of this session still waiting to be entered: not entered, not given up, not expired, tries left. */
    List<ResetCode> awaiting(byte[] session, Instant now, int maxTries) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM password_reset_code
                WHERE session_hash = ? AND verified_at IS NULL AND retired_at IS NULL AND expires_at > ? AND tries < ?
                ORDER BY created_at""")
                .params(session, Timestamp.from(now), maxTries).query(ResetCodes::code).list();
    }

    /** Counts a wrong entry against each of these codes. */
    void countWrongTry(List<UUID> ids) {
        for (UUID id : ids) {
            jdbc.sql("UPDATE password_reset_code SET tries = tries + 1 WHERE id = ?").param(id).update();
        }
    }

    /**
     * Marks the code entered, so it cannot be entered again, and gives the person until
     * {@code expires} to choose the new password. False when another request got there first.
     */
    boolean markVerified(UUID id, Instant now, Instant expires) {
        return jdbc.sql("""
                UPDATE password_reset_code SET verified_at = ?, expires_at = ?
                 WHERE id = ? AND verified_at IS NULL AND retired_at IS NULL""")
                .params(Timestamp.from(now), Timestamp.from(expires), id).update() == 1;
    }

    /** The account of an entered code of this session that may still set a password. */
    Optional<AccountId> verified(UUID id, byte[] session, Instant now) {
        return jdbc.sql("""
                SELECT account_id FROM password_reset_code
                 WHERE id = ? AND session_hash = ? AND verified_at IS NOT NULL AND completed_at IS NULL
                   AND retired_at IS NULL AND expires_at > ? AND account_id IS NOT NULL""")
                .params(id, session, Timestamp.from(now))
                .query((rs, row) -> new AccountId(rs.getObject("account_id", UUID.class))).optional();
    }

    boolean markCompleted(UUID id, Instant now) {
        return jdbc.sql("UPDATE password_reset_code SET completed_at = ? WHERE id = ? AND completed_at IS NULL AND retired_at IS NULL")
                .params(Timestamp.from(now), id).update() == 1;
    }

    /** Gives up this session's waiting codes for the account (or its decoys, for {@code null}): a newer code replaces them. */
    void retireAwaiting(byte[] session, @Nullable AccountId account, Instant now) {
        String waiting = " AND session_hash = ? AND verified_at IS NULL AND retired_at IS NULL";
        if (account == null) {
            jdbc.sql("UPDATE password_reset_code SET retired_at = ? WHERE account_id IS NULL" + waiting)
                    .params(Timestamp.from(now), session).update();
        } else {
            jdbc.sql("UPDATE password_reset_code SET retired_at = ? WHERE account_id = ?" + waiting)
                    .params(Timestamp.from(now), account.value(), session).update();
        }
    }

    /** Gives up the account's unfinished codes requested up to {@code requestedUpTo}; returns how many. */
    int retireAll(AccountId account, Instant requestedUpTo, Instant now) {
        return jdbc.sql("""
                UPDATE password_reset_code SET retired_at = ?
                 WHERE account_id = ? AND created_at <= ? AND completed_at IS NULL AND retired_at IS NULL""")
                .params(Timestamp.from(now), account.value(), Timestamp.from(requestedUpTo)).update();
    }

    private static ResetCode code(ResultSet rs, int row) throws SQLException {
        UUID account = rs.getObject("account_id", UUID.class);
        return new ResetCode(rs.getObject("id", UUID.class), account == null ? null : new AccountId(account),
                rs.getBytes("code_salt"), rs.getBytes("code_hash"), rs.getInt("tries"));
    }
}
