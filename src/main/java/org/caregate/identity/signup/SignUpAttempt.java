package org.caregate.identity.signup;

import java.io.Serial;
import java.io.Serializable;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * Where a sign-up stands, kept in the HTTP session (in PostgreSQL, hence {@link Serializable}) and
 * never in the page: a browser cannot post its way past a step it has not passed.
 *
 * @param sessionToken random; the one-time code's row holds only its hash, binding it to this session
 * @param patientId known once the person proved who they are ({@link Stage#VERIFIED})
 * @param activationCodeId the activation code to use up when the account opens, on that path
 * @param email the address the person typed: the account's e-mail
 */
record SignUpAttempt(
        UUID id,
        String organizationId,
        String sessionToken,
        Stage stage,
        @Nullable PatientId patientId,
        @Nullable UUID activationCodeId,
        String email) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    enum Stage {
        /** Details sent without an activation code: the one-time code is awaited. */
        CODE_SENT,
        /** The person proved who they are: they may choose a username and password. */
        VERIFIED
    }

    SignUpAttempt verified(PatientId patient) {
        return new SignUpAttempt(id, organizationId, sessionToken, Stage.VERIFIED, patient, activationCodeId, email);
    }

    @Override
    public String toString() {
        return "SignUpAttempt[" + id + ", " + stage + "]";
    }
}
