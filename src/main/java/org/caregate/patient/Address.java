package org.caregate.patient;

import org.jspecify.annotations.Nullable;

/** A postal address. {@code region} is the state or province; {@code country} an ISO 3166 code. */
public record Address(String line1, @Nullable String line2, String city, String region, String postalCode,
        String country) {

    @Override
    public String toString() {
        return "Address[withheld]";
    }
}
