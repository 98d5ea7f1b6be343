package org.caregate.identity;

/** The chosen username is in use, or looks like a staff network id; the person picks another. */
public class UsernameTaken extends RuntimeException {

    public UsernameTaken() {
        super("Username not available");
    }
}
