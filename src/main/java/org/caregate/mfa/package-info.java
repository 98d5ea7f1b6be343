/**
 * Second factors: the step after the password and each organisation's policy on when a second
 * factor becomes required (it plugs into sign-in through {@link org.caregate.identity.AfterPassword}
 * and {@link org.caregate.identity.SignInSteps}); a code by text message to a phone the person
 * proved; and the building blocks for the methods still to join the step: an authenticator app
 * (TOTP, RFC 6238) through {@link org.caregate.mfa.AuthenticatorApps} and single-use recovery codes
 * through {@link org.caregate.mfa.RecoveryCodes}. Publishes {@link org.caregate.mfa.SecondFactorAdded},
 * {@link org.caregate.mfa.SecondFactorRemoved} and {@link org.caregate.mfa.RecoveryCodesRegenerated}
 * so that notices can be sent. Seeds are kept encrypted (AES-256-GCM), codes only as hashes.
 */
@ApplicationModule(displayName = "Second factors",
        allowedDependencies = {"identity", "notify", "organization", "patient", "platform", "session"})
@NullMarked
package org.caregate.mfa;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
