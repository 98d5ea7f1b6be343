package org.caregate.mfa.internal;

import java.time.Clock;
import org.caregate.identity.AccountId;
import org.caregate.mfa.AuthenticatorApps;
import org.caregate.mfa.RecoveryCodes;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.SecondFactorRemoved;
import org.caregate.mfa.SecondFactorReset;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link SecondFactorReset}: all factors go, enrolment is required at the next sign-in. */
@Service
class SupportReset implements SecondFactorReset {

    private final Factors factors;
    private final AuthenticatorApps apps;
    private final RecoveryCodes recoveryCodes;
    private final ApplicationEventPublisher events;
    private final FactorHistory history;
    private final Passkeys passkeys;
    private final Clock clock;

    SupportReset(Factors factors, AuthenticatorApps apps, RecoveryCodes recoveryCodes, ApplicationEventPublisher events,
            FactorHistory history, Passkeys passkeys, Clock clock) {
        this.passkeys = passkeys;
        this.factors = factors;
        this.apps = apps;
        this.recoveryCodes = recoveryCodes;
        this.events = events;
        this.history = history;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void reset(AccountId account) {
        var now = clock.instant();
        // Each removal publishes SecondFactorRemoved, so the person is told at every contact on file.
        apps.remove(account);
        factors.phone(account).ifPresent(phone -> {
            factors.removePhone(account);
            events.publishEvent(new SecondFactorRemoved(account,
                    phone.canReceiveTexts() ? SecondFactorKind.TEXT_MESSAGE : SecondFactorKind.PHONE_CALL, now));
        });
        // The passkeys go too: the person called because they lost their phone, and it may hold one.
        passkeys.removeAll(account);
        recoveryCodes.removeAll(account);
        factors.requireEnrolment(account, now);
        history.reset(account);
    }

    /** Setting up any second factor ends a reset's requirement. */
    @EventListener
    void added(SecondFactorAdded added) {
        factors.enrolmentDone(added.accountId());
    }
}
