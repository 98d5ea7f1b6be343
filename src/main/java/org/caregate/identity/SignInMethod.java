package org.caregate.identity;

/** The first step a person signed in with; the second factor comes after it. */
public enum SignInMethod {
    PASSWORD,
    /** Face or fingerprint through a passkey (joins with the passkey feature). */
    PASSKEY
}
