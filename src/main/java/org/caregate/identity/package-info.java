/**
 * Accounts and password sign-in: who a person is to the portal. Opening accounts, checking
 * passwords (Argon2id), throttling and temporary locks, and the security rules every request
 * passes. Other modules use {@link org.caregate.identity.AccountManagement}, read the signed-in
 * {@link org.caregate.identity.PortalUser}, and listen to {@link org.caregate.identity.SignedIn},
 * {@link org.caregate.identity.SignInFailed} and {@link org.caregate.identity.PasswordChanged}.
 */
@ApplicationModule(displayName = "Identity", allowedDependencies = {"organization", "patient", "notify", "platform"})
@NullMarked
package org.caregate.identity;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
