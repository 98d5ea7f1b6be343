package org.caregate.mfa.web;

import org.caregate.mfa.internal.MfaSettings;
import org.caregate.mfa.internal.Sent;
import org.caregate.organization.Organization;

/** The message shown when no code was texted or no call placed, and its arguments. */
final class SendRefusals {

    private SendRefusals() {}

    static String problem(Sent refused) {
        return switch (refused) {
            case Sent.TooSoon tooSoon -> "mfa.problem.tooSoon";
            case Sent.CountryBlocked blocked -> "mfa.problem.countryBlocked";
            case Sent.TooMany tooMany -> "mfa.problem.tooMany";
            case Sent.Yes yes -> throw new IllegalArgumentException("Not a refusal");
        };
    }

    static Object[] arguments(Sent refused, Organization organization, MfaSettings settings) {
        return switch (refused) {
            case Sent.TooSoon tooSoon -> new Object[] {Math.max(1, tooSoon.retryAfter().toSeconds())};
            case Sent.CountryBlocked blocked -> new Object[] {organization.supportPhoneDisplay()};
            case Sent.TooMany tooMany -> new Object[] {settings.sendWindow().toMinutes(), organization.supportPhoneDisplay()};
            case Sent.Yes yes -> new Object[0];
        };
    }
}
