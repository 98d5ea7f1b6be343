/**
 * Second factors: the step after the password (a code by text message for now; calls, authenticator
 * apps, recovery codes and remembered browsers join it), each organisation's policy on when a second
 * factor becomes required, and enrolment. It plugs into sign-in through
 * {@link org.caregate.identity.AfterPassword} and {@link org.caregate.identity.SignInSteps}.
 */
@ApplicationModule(displayName = "Second factors",
        allowedDependencies = {"identity", "notify", "organization", "patient", "platform"})
@NullMarked
package org.caregate.mfa;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
