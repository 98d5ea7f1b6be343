package org.caregate.mfa;

/** The kinds of second factor a person can set up. Other kinds (passkey) join here. */
public enum SecondFactorKind {
    AUTHENTICATOR_APP,
    /** Codes by text message to a mobile phone the person proved. */
    TEXT_MESSAGE,
    /** Calls to a phone (a landline, or a mobile the person chose calls for) asking for a key. */
    PHONE_CALL
}
