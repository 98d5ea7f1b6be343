package org.caregate.mfa;

import java.time.Instant;

/**
 * A started, not yet confirmed, authenticator app: what the set-up page shows. The seed is in all
 * three forms, so this is a secret: show it to the person once, keep it out of logs and sessions.
 *
 * @param uri the {@code otpauth://totp/…} address the QR code holds
 * @param typedKey the seed in Base32, in groups of four ({@code JBSW Y3DP …}), for typing into the
 *     app by hand; always show it beside the QR code
 * @param qrDataUri the QR code as an SVG {@code data:} URI for an {@code <img>} (the content
 *     security policy allows {@code img-src data:}); give it an alt text on the page
 * @param expiresAt until when the first code can confirm it
 */
public record AuthenticatorEnrolment(String uri, String typedKey, String qrDataUri, Instant expiresAt) {

    @Override
    public String toString() {
        return "AuthenticatorEnrolment[expiresAt=" + expiresAt + "]";
    }
}
