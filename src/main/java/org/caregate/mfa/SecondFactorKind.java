package org.caregate.mfa;

/** The kinds of second factor a person can set up. Other kinds (text, call, passkey) join here. */
public enum SecondFactorKind {
    AUTHENTICATOR_APP
}
