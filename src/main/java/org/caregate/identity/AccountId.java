package org.caregate.identity;

import java.io.Serializable;
import java.util.UUID;

/** An account's id. It is no secret, but it says nothing about the person either. */
public record AccountId(UUID value) implements Serializable {

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    public static AccountId parse(String text) {
        return new AccountId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
