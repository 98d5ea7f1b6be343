package org.caregate.identity.activation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The stored form of an activation code: HMAC-SHA-256 under a secret key.
 *
 * <p>Why a keyed hash and not a salted one: the person types only the code, so the database must
 * find the row by the code's hash. A per-row salt would mean hashing the typed code once per row.
 * An unsalted plain hash would be findable but weak: 57 bits, with thousands of codes live at once,
 * can be searched offline from a stolen copy of the table. With a key that lives outside the
 * database (in the deployment's secrets), the copy alone is worthless, and the lookup stays one
 * index probe. The lookup's timing says nothing useful: it depends on the HMAC, not the code.
 *
 * <p>Without {@code caregate.activation.hash-key} the key is made once at random and kept in the
 * database, which still protects against anyone who sees only the code table.
 */
@Component
class CodeHasher {

    private static final Logger log = LoggerFactory.getLogger(CodeHasher.class);
    private static final int MIN_KEY_BYTES = 32;

    private final JdbcClient jdbc;
    private final CodeAlphabet alphabet;
    private volatile @Nullable SecretKeySpec key;

    CodeHasher(ActivationSettings settings, JdbcClient jdbc, CodeAlphabet alphabet) {
        this.jdbc = jdbc;
        this.alphabet = alphabet;
        if (StringUtils.hasText(settings.hashKey())) {
            // A wrong key stops the start, not the first patient who signs up.
            this.key = configuredKey(settings.hashKey());
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            // Made on first use, not at start: the table exists only once Flyway has run.
            jdbc.sql("INSERT INTO activation_hash_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING")
                    .param(alphabet.randomBytes(MIN_KEY_BYTES)).update();
            byte[] stored = jdbc.sql("SELECT key FROM activation_hash_key WHERE id = 1").query(byte[].class).single();
            log.info("Activation codes are hashed with a key kept in the database; set caregate.activation.hash-key "
                    + "to keep it outside");
            current = new SecretKeySpec(stored, "HmacSHA256");
            key = current;
        }
        return current;
    }

    private static SecretKeySpec configuredKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.strip());
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("caregate.activation.hash-key must be at least 32 bytes, in Base64");
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The hash of a {@linkplain CodeAlphabet#normalise normalised} code. */
    byte[] hash(String normalisedCode) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return mac.doFinal(normalisedCode.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
