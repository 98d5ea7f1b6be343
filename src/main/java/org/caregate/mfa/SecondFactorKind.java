package org.caregate.mfa;

/** The kinds of second factor a person can set up. */
public enum SecondFactorKind {
    AUTHENTICATOR_APP,
    /** Codes by text message to a mobile phone the person proved. */
    TEXT_MESSAGE,
    /** Calls to a phone (a landline, or a mobile the person chose calls for) asking for a key. */
    PHONE_CALL,
    /** Face or fingerprint unlock of a phone or computer (WebAuthn); counts as both sign-in steps. */
    PASSKEY
}
