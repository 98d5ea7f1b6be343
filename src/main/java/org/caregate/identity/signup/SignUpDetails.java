package org.caregate.identity.signup;

import java.time.LocalDate;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;

/** What a person typed on the first sign-up page, checked for form. {@link #toString()} shows none of it. */
record SignUpDetails(
        String givenNames,
        String familyName,
        LocalDate dateOfBirth,
        String email,
        @Nullable String recordNumber,
        @Nullable PhoneNumber mobile,
        @Nullable String activationCode) {

    @Override
    public String toString() {
        return "SignUpDetails[withheld]";
    }
}
