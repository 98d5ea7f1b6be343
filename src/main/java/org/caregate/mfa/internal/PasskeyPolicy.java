package org.caregate.mfa.internal;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a person who signed in with a passkey must still do. A passkey counts as both steps (the
 * device holds the key and checked the face, fingerprint or PIN), but the other second factor must
 * keep working for the day the device is lost: when it was last passed longer ago than the
 * organisation's limit (90 days by default), it is asked for once, and the passkey then signs in
 * alone for another such period.
 */
public enum PasskeyPolicy {

    /** Nothing more: the portal opens. */
    OPEN,
    /** One check by the other second factor (text, call, app or recovery code). */
    CHECK,
    /** No other second factor is left (removed, or reset by support): one must be set up. */
    SET_UP;

    /**
     * @param lastFullCheck when a second factor other than a passkey was last passed; {@code null}: never
     * @param every the organisation's limit
     * @param hasOtherFactor whether the account has a text, call or authenticator-app factor
     * @param resetBySupport whether support reset the account's factors since it last set one up
     */
    public static PasskeyPolicy decide(Instant now, @Nullable Instant lastFullCheck, Duration every,
            boolean hasOtherFactor, boolean resetBySupport) {
        if (resetBySupport) {
            return SET_UP;
        }
        if (lastFullCheck != null && !lastFullCheck.plus(every).isBefore(now)) {
            return OPEN;
        }
        return hasOtherFactor ? CHECK : SET_UP;
    }

    /**
     * For staff when {@code caregate.mfa.passkeys.required-for-staff} is on, after a right password:
     * the step that proves a passkey, or sets the first one up; {@code null} when passkeys are not required.
     */
    public static @Nullable StaffStep afterStaffPassword(boolean required, boolean hasPasskey) {
        if (!required) {
            return null;
        }
        return hasPasskey ? StaffStep.USE_PASSKEY : StaffStep.SET_UP_PASSKEY;
    }

    /** What a staff member who typed their password must do when passkeys are required. */
    public enum StaffStep {
        USE_PASSKEY("/staff/sign-in/step/passkey"),
        SET_UP_PASSKEY("/staff/sign-in/step/passkey/set-up");

        private final String path;

        StaffStep(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }
}
