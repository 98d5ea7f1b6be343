package org.caregate.apps.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys that sign ID tokens, kept in PostgreSQL so every node signs with the same key. The
 * newest key signs; when it is older than {@code caregate.apps.signing-key-lifetime} a new one is
 * made (one node makes it, under an advisory lock) and the old one stays in the published JWK Set for
 * {@code caregate.apps.retired-key-kept}, so ID tokens it signed can still be checked, then goes.
 */
@Component
class SigningKeys {

    private static final long LOCK = 0x5349474e4b455953L;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AppSettings settings;
    private final Clock clock;

    SigningKeys(JdbcClient jdbc, TransactionTemplate transactions, AppSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /** The key that signs now, with its private part. */
    RSAKey current() {
        List<RSAKey> keys = published();
        if (!keys.isEmpty() && !keys.getFirst().getIssueTime().toInstant().plus(settings.signingKeyLifetime())
                .isBefore(clock.instant())) {
            return keys.getFirst();
        }
        rotate();
        return published().getFirst();
    }

    /** Every key whose signatures may still be met, newest first (private parts included: publish only the public ones). */
    List<RSAKey> published() {
        return jdbc.sql("SELECT kid, private_key, public_key, created_at FROM app_signing_key ORDER BY created_at DESC")
                .query((rs, row) -> key(rs.getString("kid"), rs.getBytes("private_key"), rs.getBytes("public_key"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    /** Makes a new signing key now (unless another node just did) and drops keys retired long enough ago. */
    void rotate() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
            Instant now = clock.instant();
            @Nullable Instant newest = jdbc.sql("SELECT max(created_at) FROM app_signing_key")
                    .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional()
                    .orElse(null);
            if (newest == null || newest.plus(settings.signingKeyLifetime()).isBefore(now)) {
                KeyPair pair = newPair();
                jdbc.sql("INSERT INTO app_signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)")
                        .params(UUID.randomUUID().toString(), pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(),
                                Timestamp.from(now))
                        .update();
            }
            // A key stops signing when the next one is made; it goes once that one has signed for
            // retired-key-kept, so tokens it signed up to its last minute can still be checked.
            jdbc.sql("""
                    DELETE FROM app_signing_key k WHERE EXISTS (
                        SELECT 1 FROM app_signing_key n WHERE n.created_at > k.created_at AND n.created_at < ?)
                    """).param(Timestamp.from(now.minus(settings.retiredKeyKept()))).update();
        });
    }

    /** The JWK Set endpoint's keys: every published key. */
    JWKSource<SecurityContext> publishedSource() {
        return (JWKSelector selector, SecurityContext context) -> {
            List<RSAKey> keys = published();
            if (keys.isEmpty()) {
                current();
                keys = published();
            }
            return selector.select(new JWKSet(new ArrayList<JWK>(keys)));
        };
    }

    /** The signer's keys: only the one that signs now. */
    JWKSource<SecurityContext> signingSource() {
        return (JWKSelector selector, SecurityContext context) -> selector.select(new JWKSet(current()));
    }

    private static RSAKey key(String kid, byte[] privateKey, byte[] publicKey, Instant created) {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicKey)))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).issueTime(java.util.Date.from(created)).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key could not be read", e);
        }
    }

    private static KeyPair newPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
