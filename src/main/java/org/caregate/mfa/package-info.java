/**
 * Second factors: the building blocks of the second sign-in step. An authenticator app (TOTP, RFC
 * 6238) through {@link org.caregate.mfa.AuthenticatorApps}, and single-use recovery codes through
 * {@link org.caregate.mfa.RecoveryCodes}. Publishes {@link org.caregate.mfa.SecondFactorAdded},
 * {@link org.caregate.mfa.SecondFactorRemoved} and {@link org.caregate.mfa.RecoveryCodesRegenerated}
 * so that notices can be sent. Seeds are kept encrypted (AES-256-GCM), codes only as hashes.
 */
@ApplicationModule(displayName = "Second factors", allowedDependencies = {"identity", "platform"})
@NullMarked
package org.caregate.mfa;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
