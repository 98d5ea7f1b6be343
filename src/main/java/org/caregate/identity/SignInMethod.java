package org.caregate.identity;

/** How a person proved who they are; the second-factor and passkey methods join with their features. */
public enum SignInMethod {
    PASSWORD
}
