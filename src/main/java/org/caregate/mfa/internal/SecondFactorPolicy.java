package org.caregate.mfa.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.caregate.identity.PortalUser;
import org.springframework.stereotype.Component;

/** Applies {@link Policy} to a person: their factors, their earlier choice, their organisation's date. */
@Component
public class SecondFactorPolicy {

    private final Factors factors;
    private final MfaSettings settings;
    private final Clock clock;

    SecondFactorPolicy(Factors factors, MfaSettings settings, Clock clock) {
        this.factors = factors;
        this.settings = settings;
        this.clock = clock;
    }

    public Policy decide(PortalUser user) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), settings.zone());
        return Policy.decide(factors.hasAny(user.accountId()), factors.declined(user.accountId()),
                requiredFrom(user).orElse(null), today);
    }

    /** The day from which the person's organisation requires a second factor, if it set one. */
    public Optional<LocalDate> requiredFrom(PortalUser user) {
        return user.organizationId() == null ? Optional.empty()
                : Optional.ofNullable(settings.requiredFrom().get(user.organizationId()));
    }

    public Instant now() {
        return clock.instant();
    }
}
