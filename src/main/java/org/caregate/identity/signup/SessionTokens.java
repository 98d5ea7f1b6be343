package org.caregate.identity.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.caregate.identity.activation.CodeAlphabet;

/** The random token a sign-up keeps in its session, and the SHA-256 the database keeps of it. */
final class SessionTokens {

    private SessionTokens() {}

    /** 256 random bits, so its plain SHA-256 needs no salt. */
    static String random(CodeAlphabet alphabet) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(alphabet.randomBytes(32));
    }

    static byte[] sha256(String token) {
        return sha256Digest().digest(token.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
