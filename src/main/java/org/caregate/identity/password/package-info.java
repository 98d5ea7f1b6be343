/**
 * New passwords: the policy a new password must meet (length, not common, not guessable from the
 * person's own words), Argon2id hashing, and the strength meter the password field shows while the
 * person types. Internal to the identity module: accounts, sign-up, recovery and settings call
 * {@link org.caregate.identity.password.PasswordPolicy} and
 * {@link org.caregate.identity.password.PasswordHashing}; pages include the
 * {@code identity/password-field} template fragment.
 */
@NullMarked
package org.caregate.identity.password;

import org.jspecify.annotations.NullMarked;
