package org.caregate.identity.password;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Stores and checks passwords with Argon2id (Spring Security, BouncyCastle). Passwords are
 * normalised to NFKC first, as {@link PasswordPolicy} checked them.
 */
@Component
public class PasswordHashing {

    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder encoder;
    /** {@code $argon2id$v=19$m=…,t=…,p=…}: the part of a hash that names its parameters. */
    private final String currentParameters;
    /** Checked for a name with no account, so that costs what a wrong password costs. */
    private final String dummyHash;

    PasswordHashing(PasswordSettings settings) {
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, settings.parallelism(), settings.memoryKib(),
                settings.iterations());
        this.dummyHash = encoder.encode("no account has this password");
        this.currentParameters = parameters(dummyHash);
    }

    public String hash(CharSequence password) {
        return encoder.encode(PasswordPolicy.normalize(password));
    }

    public boolean matches(CharSequence password, String hash) {
        return encoder.matches(PasswordPolicy.normalize(password), hash);
    }

    /**
     * Whether a stored hash was made with other parameters than the current ones (or is no Argon2id
     * hash at all), so it should be replaced after the next successful sign-in.
     */
    public boolean needsRehash(String hash) {
        if (!hash.startsWith("$argon2id$")) {
            return true;
        }
        // The encoder only reports weaker memory or iterations; a changed lane count or a lowered
        // setting also differs from what new hashes use.
        return encoder.upgradeEncoding(hash) || !parameters(hash).equals(currentParameters);
    }

    /**
     * Verifies against a fixed dummy hash with the same parameters, so "no such user" costs the same
     * time as "wrong password".
     */
    public void matchesNothing(CharSequence password) {
        encoder.matches(PasswordPolicy.normalize(password), dummyHash);
    }

    private static String parameters(String hash) {
        // "", "argon2id", "v=19", "m=19456,t=2,p=1", salt, hash
        String[] parts = hash.split("\\$");
        return parts.length < 4 ? "" : String.join("$", parts[1], parts[2], parts[3]);
    }
}
