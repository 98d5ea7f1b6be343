package org.caregate.mfa;

import org.caregate.identity.AccountId;

/**
 * Authenticator apps (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) as a second factor:
 * set up in two steps, checked at sign-in, removed. One working app per account; setting up another
 * replaces it once the new one is confirmed.
 *
 * <p>A code is accepted one step early or late (clock drift), and each step at most once per
 * account, across all nodes: a code seen over someone's shoulder cannot be used again. The caller
 * limits how often codes may be tried (six digits can be guessed given enough tries).
 */
public interface AuthenticatorApps {

    /**
     * Makes a new seed (160 random bits) for the account and keeps it, encrypted, as a pending
     * enrolment for {@code caregate.mfa.enrolment-lifetime}. Replaces an earlier pending one; a
     * working app keeps working until the new one is confirmed.
     *
     * @throws IllegalArgumentException when there is no such account
     */
    AuthenticatorEnrolment startEnrolment(AccountId account);

    /**
     * Turns the pending enrolment into the account's working authenticator app when the typed code
     * is right, replacing any earlier app, and publishes {@link SecondFactorAdded}. The code used
     * here cannot be used again to sign in.
     */
    EnrolmentConfirmation confirmEnrolment(AccountId account, String typedCode);

    /**
     * Whether the typed code is right for the account's working app now, and its time step was not
     * used before. Spaces and dashes in the code do not matter. {@code false} when the account has
     * no working app.
     */
    boolean verify(AccountId account, String typedCode);

    /** Whether the account has a working (confirmed) authenticator app. */
    boolean isEnrolled(AccountId account);

    /**
     * Removes the account's authenticator app, pending or working; publishes {@link
     * SecondFactorRemoved} when a working one was removed.
     *
     * @return whether a working app was removed
     */
    boolean remove(AccountId account);
}
