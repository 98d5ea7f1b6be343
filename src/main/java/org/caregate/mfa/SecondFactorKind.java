package org.caregate.mfa;

/** The kinds of second factor a person can set up. Other kinds (call, passkey) join here. */
public enum SecondFactorKind {
    AUTHENTICATOR_APP,
    /** Codes by text message to a mobile phone the person proved. */
    TEXT_MESSAGE
}
