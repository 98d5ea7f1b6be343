package org.caregate.mfa;

import java.util.List;
import org.caregate.identity.AccountId;

/**
 * Recovery codes: ten single-use codes a person prints or writes down, for when their phone is lost.
 * Each is 10 characters without look-alikes ({@code K7QM-3FXP-9T}, about 47 bits), kept only as a
 * salted SHA-256 hash, so they can be shown only once, when made.
 */
public interface RecoveryCodes {

    /**
     * Makes ten new codes for the account, replacing every earlier one, and publishes {@link
     * RecoveryCodesRegenerated}.
     *
     * @return the codes, grouped for reading; they cannot be read back later
     */
    List<String> regenerate(AccountId account);

    /**
     * Uses up the typed code if it is one of the account's unused codes. Case, spaces and dashes do
     * not matter. Of two concurrent uses of one code exactly one succeeds.
     */
    boolean use(AccountId account, String typedCode);

    /** How many of the account's codes are still unused. */
    int remaining(AccountId account);

    /** Deletes every code of the account (a support reset of a lost second factor); returns how many. */
    int removeAll(AccountId account);
}
