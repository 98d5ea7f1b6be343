package org.caregate.mfa.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Encrypts authenticator-app seeds at rest: AES-256-GCM, a random 96-bit nonce per seed, and the
 * account id as associated data, so a sealed seed copied to another account's row does not open.
 *
 * <p>A sealed seed is {@code version (1 byte) ‖ nonce (12) ‖ ciphertext and tag (20 + 16)}. The
 * version names the key: {@value #CONFIGURED_KEY} for {@code caregate.mfa.seed-key}, {@value
 * #DATABASE_KEY} for the random key the demo makes once and keeps in the database (table {@code
 * mfa_key}) when no key is configured. Seeds sealed under the database key still open after a key
 * is configured; a later rotation adds versions.
 */
@Component
public class SeedCipher {

    static final byte DATABASE_KEY = 0;
    static final byte CONFIGURED_KEY = 1;

    private static final Logger log = LoggerFactory.getLogger(SeedCipher.class);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private final @Nullable SecretKeySpec configuredKey;
    private volatile @Nullable SecretKeySpec databaseKey;

    SeedCipher(MfaSettings settings, JdbcClient jdbc) {
        this.jdbc = jdbc;
        // A wrong key stops the start, not the first patient who sets up an app.
        this.configuredKey = StringUtils.hasText(settings.seedKey()) ? configuredKey(settings.seedKey()) : null;
    }

    /** The seed sealed under the current key, bound to the account. */
    public byte[] seal(byte[] seed, AccountId account) {
        byte version = configuredKey != null ? CONFIGURED_KEY : DATABASE_KEY;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key(version, true), nonce, version, account);
            byte[] sealed = cipher.doFinal(seed);
            return ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(version).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * The seed of a sealed one.
     *
     * @throws SeedUnreadable when the key is not the one that sealed it, or the bytes were altered
     */
    public byte[] open(byte[] sealed, AccountId account) {
        if (sealed.length < 1 + NONCE_BYTES + TAG_BITS / 8) {
            throw new SeedUnreadable("A stored authenticator seed is too short");
        }
        byte version = sealed[0];
        if (version != DATABASE_KEY && version != CONFIGURED_KEY) {
            throw new SeedUnreadable("A stored authenticator seed names an unknown key version " + version);
        }
        byte[] nonce = java.util.Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key(version, false), nonce, version, account);
            return cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SeedUnreadable("A stored authenticator seed does not open with key version " + version
                    + ": the key changed since it was stored, or the row was altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The version byte of a sealed seed. */
    static byte version(byte[] sealed) {
        return sealed[0];
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] nonce, byte version, AccountId account)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(new byte[] {version});
        cipher.updateAAD(account.toString().getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }

    private SecretKeySpec key(byte version, boolean create) {
        if (version == CONFIGURED_KEY) {
            if (configuredKey == null) {
                throw new SeedUnreadable("A stored authenticator seed needs caregate.mfa.seed-key, which is not set");
            }
            return configuredKey;
        }
        SecretKeySpec current = databaseKey;
        if (current == null) {
            // Made on first use, not at start: the table exists only once Flyway has run.
            if (create) {
                byte[] fresh = new byte[KEY_BYTES];
                random.nextBytes(fresh);
                jdbc.sql("INSERT INTO mfa_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING").param(fresh).update();
            }
            byte[] stored = jdbc.sql("SELECT key FROM mfa_key WHERE id = 1").query(byte[].class).optional()
                    .orElseThrow(() -> new SeedUnreadable("A stored authenticator seed needs the database's key, "
                            + "which is missing"));
            log.info("Authenticator-app seeds are encrypted with a key kept in the database; set caregate.mfa.seed-key "
                    + "to keep it outside");
            current = new SecretKeySpec(stored, "AES");
            databaseKey = current;
        }
        return current;
    }

    private static SecretKeySpec configuredKey(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("caregate.mfa.seed-key must be Base64 of exactly 32 bytes");
        }
        if (bytes.length != KEY_BYTES) {
            throw new IllegalStateException("caregate.mfa.seed-key must be Base64 of exactly 32 bytes");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
