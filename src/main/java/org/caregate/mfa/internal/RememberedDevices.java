package org.caregate.mfa.internal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.SignInMethod;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorRemoved;
import org.caregate.session.SignedOutEverywhere;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * "Remember this device": after a passed second factor, a random 256-bit token in the browser's
 * {@code caregate_remember} cookie, of which only the SHA-256 is stored with the account, the sign-in
 * method and an expiry ({@code caregate.mfa.remember-for}, 7 days). The same browser, the same
 * account and the same method within that time skip the second factor; the password is always
 * asked. A browser keeps one such token: remembering it for another account replaces it (and
 * deletes the row of the token it held). All of an
 * account's are forgotten on a password change or reset, any second-factor change and "sign out of
 * all devices".
 */
@Component
public class RememberedDevices {

    static final String COOKIE = "caregate_remember";

    /** A remembered browser, for the settings list. */
    public record RememberedDevice(UUID id, String description, SignInMethod method, Instant createdAt, Instant expiresAt,
            @Nullable Instant lastUsedAt) {}

    private final JdbcClient jdbc;
    private final MfaSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Parser agents = new Parser();

    RememberedDevices(JdbcClient jdbc, MfaSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    public void remember(AccountId account, SignInMethod method, HttpServletRequest request, HttpServletResponse response) {
        String previous = token(request);
        if (previous != null) {
            // The cookie is about to be replaced: the token it held can never be presented again.
            jdbc.sql("DELETE FROM mfa_remembered_device WHERE token_hash = ?").param(sha256(previous)).update();
        }
        byte[] token = new byte[32];
        random.nextBytes(token);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO mfa_remembered_device (id, account_id, token_hash, method, description, created_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """).params(UUID.randomUUID(), account.value(), sha256(value), method.name(),
                describe(request.getHeader("User-Agent")), Timestamp.from(now),
                Timestamp.from(now.plus(settings.rememberFor()))).update();
        Cookie cookie = new Cookie(COOKIE, value);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        cookie.setPath("/");
        cookie.setMaxAge((int) settings.rememberFor().toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** Whether this browser was remembered for this account and this method, and still is. */
    @Transactional
    public boolean isRemembered(AccountId account, SignInMethod method, HttpServletRequest request) {
        String token = token(request);
        if (token == null) {
            return false;
        }
        int used = jdbc.sql("""
                UPDATE mfa_remembered_device SET last_used_at = ?
                WHERE token_hash = ? AND account_id = ? AND method = ? AND expires_at > ?
                """).params(Timestamp.from(clock.instant()), sha256(token), account.value(), method.name(),
                Timestamp.from(clock.instant())).update();
        return used > 0;
    }

    public List<RememberedDevice> list(AccountId account) {
        return jdbc.sql("""
                SELECT id, description, method, created_at, expires_at, last_used_at FROM mfa_remembered_device
                WHERE account_id = ? AND expires_at > ? ORDER BY created_at DESC
                """).params(account.value(), Timestamp.from(clock.instant()))
                .query((rs, row) -> new RememberedDevice(rs.getObject("id", UUID.class), rs.getString("description"),
                        SignInMethod.valueOf(rs.getString("method")), rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant(),
                        rs.getTimestamp("last_used_at") == null ? null : rs.getTimestamp("last_used_at").toInstant()))
                .list();
    }

    /** Forgets one of the account's browsers; false when it has none with that id. */
    public boolean forget(AccountId account, UUID id) {
        return jdbc.sql("DELETE FROM mfa_remembered_device WHERE id = ? AND account_id = ?").params(id, account.value())
                .update() > 0;
    }

    public int forgetAll(AccountId account) {
        return jdbc.sql("DELETE FROM mfa_remembered_device WHERE account_id = ?").param(account.value()).update();
    }

    @EventListener
    void passwordChanged(PasswordChanged changed) {
        forgetAll(changed.accountId());
    }

    @EventListener
    void signedOutEverywhere(SignedOutEverywhere signedOut) {
        forgetAll(signedOut.accountId());
    }

    @EventListener
    void factorAdded(SecondFactorAdded added) {
        forgetAll(added.accountId());
    }

    @EventListener
    void factorRemoved(SecondFactorRemoved removed) {
        forgetAll(removed.accountId());
    }

    private static @Nullable String token(HttpServletRequest request) {
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

    /** "Chrome Mobile on Android": enough to recognise one's browser in the list. */
    /** A browser as people say it ("Chrome / Android"), from its User-Agent; empty when unknown. */
    public String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "";
        }
        String header = userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent;
        UserAgent agent = agents.parseUserAgent(header);
        OS os = agents.parseOS(header);
        String browser = agent == null || "Other".equals(agent.family) ? "" : agent.family;
        String system = os == null || "Other".equals(os.family) ? "" : os.family;
        return browser.isEmpty() || system.isEmpty() ? browser + system : browser + " / " + system;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
