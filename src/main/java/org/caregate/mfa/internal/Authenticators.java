package org.caregate.mfa.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code mfa_authenticator} table: at most one pending (with an expiry) and one working
 * (confirmed) authenticator app per account, each with its sealed seed and the last step accepted.
 */
@Repository
class Authenticators {

    /** A stored authenticator app; {@code lastUsedStep} is {@code Long.MIN_VALUE} before any use. */
    record Stored(UUID id, AccountId account, byte[] sealedSeed, long lastUsedStep) {}

    private final JdbcClient jdbc;

    Authenticators(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a new pending enrolment, replacing the account's earlier pending one (atomically). */
    void savePending(AccountId account, byte[] sealedSeed, Instant now, Instant expiresAt) {
        jdbc.sql("""
                INSERT INTO mfa_authenticator (id, account_id, seed_ciphertext, key_version, created_at, expires_at)
                VALUES (:id, :account, :seed, :version, :now, :expires)
                ON CONFLICT (account_id) WHERE confirmed_at IS NULL DO UPDATE
                SET seed_ciphertext = excluded.seed_ciphertext, key_version = excluded.key_version,
                    created_at = excluded.created_at, expires_at = excluded.expires_at
                """)
                .param("id", UUID.randomUUID()).param("account", account.value()).param("seed", sealedSeed)
                .param("version", (short) SeedCipher.version(sealedSeed)).param("now", ts(now))
                .param("expires", ts(expiresAt)).update();
    }

    Optional<Stored> pending(AccountId account, Instant now) {
        return jdbc.sql("""
                SELECT id, seed_ciphertext, last_used_step FROM mfa_authenticator
                WHERE account_id = :account AND confirmed_at IS NULL AND expires_at > :now
                """)
                .param("account", account.value()).param("now", ts(now))
                .query((rs, row) -> stored(account, rs.getObject("id", UUID.class), rs.getBytes("seed_ciphertext"),
                        rs.getObject("last_used_step", Long.class)))
                .optional();
    }

    Optional<Stored> working(AccountId account) {
        return jdbc.sql("""
                SELECT id, seed_ciphertext, last_used_step FROM mfa_authenticator
                WHERE account_id = :account AND confirmed_at IS NOT NULL
                """)
                .param("account", account.value())
                .query((rs, row) -> stored(account, rs.getObject("id", UUID.class), rs.getBytes("seed_ciphertext"),
                        rs.getObject("last_used_step", Long.class)))
                .optional();
    }

    /**
     * Makes the pending enrolment the account's working app, in place of any earlier one, with the
     * confirming code's step as used. Run in a transaction.
     *
     * @return whether it was still pending and unexpired (another request may have confirmed it)
     */
    boolean confirm(Stored pending, long step, Instant now) {
        jdbc.sql("DELETE FROM mfa_authenticator WHERE account_id = :account AND confirmed_at IS NOT NULL")
                .param("account", pending.account().value()).update();
        return jdbc.sql("""
                UPDATE mfa_authenticator
                SET confirmed_at = :now, expires_at = NULL, last_used_step = :step, last_used_at = :now
                WHERE id = :id AND confirmed_at IS NULL AND expires_at > :now
                """)
                .param("id", pending.id()).param("now", ts(now)).param("step", step).update() == 1;
    }

    /**
     * Records that a code of {@code step} was accepted, only if no code of that step or a later one
     * was: compare-and-set in one statement, so of two nodes checking the same code one wins.
     */
    boolean markUsed(UUID id, long step, Instant now) {
        return jdbc.sql("""
                UPDATE mfa_authenticator SET last_used_step = :step, last_used_at = :now
                WHERE id = :id AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < :step)
                """)
                .param("id", id).param("step", step).param("now", ts(now)).update() == 1;
    }

    /** Deletes the account's apps, pending and working; whether a working one was among them. */
    boolean removeAll(AccountId account) {
        return jdbc.sql("DELETE FROM mfa_authenticator WHERE account_id = :account RETURNING confirmed_at IS NOT NULL")
                .param("account", account.value()).query(Boolean.class).list().contains(Boolean.TRUE);
    }

    boolean hasWorking(AccountId account) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM mfa_authenticator WHERE account_id = :account "
                        + "AND confirmed_at IS NOT NULL)")
                .param("account", account.value()).query(Boolean.class).single();
    }

    private static Stored stored(AccountId account, UUID id, byte[] seed, @Nullable Long lastUsedStep) {
        return new Stored(id, account, seed, lastUsedStep == null ? Long.MIN_VALUE : lastUsedStep);
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
