package org.caregate.mfa.internal;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** What a person whose password was right must do next, by their organisation's policy. */
public enum Policy {

    /** No second factor asked: the portal opens. */
    OPEN,
    /** Their second factor is checked. */
    VERIFY,
    /** They are offered a second factor and may decline ("not now"). */
    OFFER,
    /** They must set one up before anything else. */
    ENROL;

    /**
     * @param hasFactor whether the account has a second factor set up
     * @param declined whether they said "not now" before
     * @param requiredFrom the organisation's date from which one is required; {@code null} when it has none
     * @param today in the organisation's time zone
     * @param resetBySupport whether support reset the account's factors since it last set one up
     */
    public static Policy decide(boolean hasFactor, boolean declined, @Nullable LocalDate requiredFrom, LocalDate today,
            boolean resetBySupport) {
        if (hasFactor) {
            return VERIFY;
        }
        if (resetBySupport) {
            return ENROL;
        }
        if (requiredFrom == null) {
            return OPEN;
        }
        if (!today.isBefore(requiredFrom)) {
            // Also for those who declined earlier: the seeds' "you will be required to set up MFA".
            return ENROL;
        }
        return declined ? OPEN : OFFER;
    }
}
