package org.caregate.mfa.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.identity.PortalUser;
import org.caregate.identity.SignInMethod;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.patient.PhoneNumber;
import org.springframework.stereotype.Component;

/** Applies {@link Policy} to a person: their factors, their earlier choice, their organisation's date. */
@Component
public class SecondFactorPolicy {

    private final Factors factors;
    private final AuthenticatorApps apps;
    private final RecoveryCodes recoveryCodes;
    private final MfaSettings settings;
    private final FullChecks fullChecks;
    private final PasskeySettings passkeySettings;
    private final Clock clock;

    SecondFactorPolicy(Factors factors, AuthenticatorApps apps, RecoveryCodes recoveryCodes, MfaSettings settings,
            FullChecks fullChecks, PasskeySettings passkeySettings, Clock clock) {
        this.fullChecks = fullChecks;
        this.passkeySettings = passkeySettings;
        this.factors = factors;
        this.apps = apps;
        this.recoveryCodes = recoveryCodes;
        this.settings = settings;
        this.clock = clock;
    }

    public Policy decide(PortalUser user) {
        if (user.method() == SignInMethod.PASSKEY && user.organizationId() != null) {
            // The passkey counted as both steps; the other factor is asked for now and then (PasskeyPolicy).
            boolean hasOther = !methods(user.accountId()).isEmpty();
            return switch (PasskeyPolicy.decide(clock.instant(), fullChecks.last(user.accountId()).orElse(null),
                    passkeySettings.checkEvery(user.organizationId()), hasOther,
                    factors.enrolmentRequired(user.accountId()))) {
                case OPEN -> Policy.OPEN;
                case CHECK -> Policy.VERIFY;
                case SET_UP -> Policy.ENROL;
            };
        }
        LocalDate today = today();
        return Policy.decide(!methods(user.accountId()).isEmpty(), factors.declined(user.accountId()),
                requiredFrom(user).orElse(null), today, factors.enrolmentRequired(user.accountId()));
    }

    /** The ways this account can pass the second step, the one asked for first first. */
    public List<Method> methods(AccountId account) {
        List<Method> methods = new ArrayList<>();
        if (apps.isEnrolled(account)) {
            methods.add(Method.APP);
        }
        Optional<PhoneNumber> phone = factors.phone(account);
        if (phone.filter(PhoneNumber::canReceiveTexts).isPresent()) {
            methods.add(Method.TEXT);
        }
        // Any proved phone takes calls: a landline only those.
        if (phone.isPresent()) {
            methods.add(Method.CALL);
        }
        if (!methods.isEmpty() && recoveryCodes.remaining(account) > 0) {
            methods.add(Method.RECOVERY_CODE);
        }
        return methods;
    }

    /** A way through the second step. */
    public enum Method {
        APP("app"),
        TEXT("code"),
        CALL("call"),
        RECOVERY_CODE("recovery");

        private final String step;

        Method(String step) {
            this.step = step;
        }

        /** The step's address for an organisation. */
        public String path(String organizationId) {
            return "/" + organizationId + "/sign-in/step/" + step;
        }
    }

    /** The day from which the person's organisation requires a second factor, if it set one. */
    public Optional<LocalDate> requiredFrom(PortalUser user) {
        return user.organizationId() == null ? Optional.empty()
                : Optional.ofNullable(settings.requiredFrom().get(user.organizationId()));
    }

    /** Today in the organisations' time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), settings.zone());
    }

    public Instant now() {
        return clock.instant();
    }
}
