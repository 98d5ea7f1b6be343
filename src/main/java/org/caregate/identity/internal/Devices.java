package org.caregate.identity.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Browsers that signed in to an account before, known by the hash of their device cookie. The
 * token is 256 random bits, so a plain SHA-256 cannot be reversed by guessing.
 */
@Repository
public class Devices {

    /** The cookie that keeps a browser's random device token (set at sign-in). */
    public static final String COOKIE = "caregate_device";

    private final JdbcClient jdbc;

    Devices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The browser's device token, if it sent a well-formed one. */
    public static @Nullable String tokenOf(HttpServletRequest request) {
        if (request.getCookies() == null) {
            return null;
        }
        for (Cookie cookie : request.getCookies()) {
            if (COOKIE.equals(cookie.getName()) && cookie.getValue().matches("[A-Za-z0-9_-]{43}")) {
                return cookie.getValue();
            }
        }
        return null;
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    public boolean known(AccountId account, byte[] tokenHash) {
        return jdbc.sql("SELECT count(*) FROM account_device WHERE account_id = ? AND token_hash = ?")
                .params(account.value(), tokenHash).query(Long.class).single() > 0;
    }

    /** Records a successful sign-in from this browser. Returns true when the browser was new to the account. */
    public boolean signedIn(AccountId account, byte[] tokenHash, Instant at) {
        int updated = jdbc.sql("UPDATE account_device SET last_seen = ? WHERE account_id = ? AND token_hash = ?")
                .params(Timestamp.from(at), account.value(), tokenHash).update();
        if (updated > 0) {
            return false;
        }
        return jdbc.sql("""
                INSERT INTO account_device (account_id, token_hash, first_seen, last_seen) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(account.value(), tokenHash, Timestamp.from(at), Timestamp.from(at)).update() > 0;
    }

    /** Forgets every browser of the account, e.g. after a password reset. */
    public void forgetAll(AccountId account) {
        jdbc.sql("DELETE FROM account_device WHERE account_id = ?").param(account.value()).update();
    }
}
