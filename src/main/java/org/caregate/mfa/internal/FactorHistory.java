package org.caregate.mfa.internal;

import java.time.Clock;
import org.caregate.identity.AccountId;
import org.caregate.identity.SignInMethod;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.SecondFactorRemoved;
import org.caregate.session.AccountEvent;
import org.caregate.session.AccountEvent.What;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Puts every second-factor event in the person's sign-in history: a factor added or removed, all
 * reset by support, a failed check, a remembered browser that skipped the check.
 */
@Component
public class FactorHistory {

    /** A method that is not a factor kind: recovery codes back the others up. */
    static final String RECOVERY_CODE = "RECOVERY_CODE";

    private final ApplicationEventPublisher events;
    private final Clock clock;

    FactorHistory(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @EventListener
    void added(SecondFactorAdded added) {
        publish(added.accountId(), added.kind().name(), What.SECOND_FACTOR_ADDED);
    }

    @EventListener
    void removed(SecondFactorRemoved removed) {
        publish(removed.accountId(), removed.kind().name(), What.SECOND_FACTOR_REMOVED);
    }

    /** A wrong code or key at sign-in. */
    public void failed(AccountId account, SecondFactorKind kind) {
        publish(account, kind.name(), What.SECOND_FACTOR_FAILED);
    }

    /** A wrong recovery code at sign-in. */
    public void recoveryCodeFailed(AccountId account) {
        publish(account, RECOVERY_CODE, What.SECOND_FACTOR_FAILED);
    }

    /** A passkey of the account was offered and refused (signature, origin, face or fingerprint check). */
    public void passkeyRefused(AccountId account) {
        publish(account, SignInMethod.PASSKEY.name(), What.PASSKEY_REFUSED);
    }

    /** A passkey's signature counter went backwards: it may have been copied. */
    public void passkeyFlagged(AccountId account) {
        publish(account, SignInMethod.PASSKEY.name(), What.PASSKEY_FLAGGED);
    }

    void reset(AccountId account) {
        publish(account, "SUPPORT", What.SECOND_FACTORS_RESET);
    }

    void rememberedDeviceUsed(AccountId account, SignInMethod method) {
        publish(account, method.name(), What.REMEMBERED_DEVICE_USED);
    }

    private void publish(AccountId account, String method, What what) {
        events.publishEvent(new AccountEvent(account, clock.instant(), userAgent(), method, what));
    }

    /**
     * The person's browser, when their own request did it; none for a provider's webhook, the demo's
     * dev outbox or a support agent's page (the agent's browser is not the person's).
     */
    private static @Nullable String userAgent() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            String path = attributes.getRequest().getRequestURI();
            if (!path.startsWith("/notify/") && !path.startsWith("/dev/") && !path.startsWith("/staff/")) {
                return attributes.getRequest().getHeader("User-Agent");
            }
        }
        return null;
    }
}
