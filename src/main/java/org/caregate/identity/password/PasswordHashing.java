package org.caregate.identity.password;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/** PLACEHOLDER until the password branch lands (same API). */
@Component
public class PasswordHashing {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
    private final String dummy = encoder.encode("placeholder dummy password");

    public String hash(CharSequence password) {
        return encoder.encode(password);
    }

    public boolean matches(CharSequence password, String hash) {
        return encoder.matches(password, hash);
    }

    public boolean needsRehash(String hash) {
        return encoder.upgradeEncoding(hash);
    }

    public void matchesNothing(CharSequence password) {
        encoder.matches(password, dummy);
    }
}
