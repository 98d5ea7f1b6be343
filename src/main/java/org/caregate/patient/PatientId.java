package org.caregate.patient;

import java.util.UUID;

/** A patient's identity in the registry: random, so it reveals nothing and cannot be guessed. */
public record PatientId(UUID value) implements java.io.Serializable {

    public static PatientId random() {
        return new PatientId(UUID.randomUUID());
    }

    public static PatientId of(String text) {
        return new PatientId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
