package org.caregate.identity.recovery;

import org.caregate.identity.AccountId;
import org.caregate.identity.throttle.SignInLockStarted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A sign-in lock gives up the account's reset codes asked for before it: otherwise someone who
 * requested a code, then guessed passwords until the lock, could still use the code to get in. The
 * listener runs in the throttle's transaction, so the codes are given up when the lock is recorded.
 */
@Component
class LockRetiresResetCodes {

    private static final String ACCOUNT_KEY = "account:";

    private final PasswordReset reset;

    LockRetiresResetCodes(PasswordReset reset) {
        this.reset = reset;
    }

    @EventListener
    void lockStarted(SignInLockStarted lock) {
        // Unknown names are throttled under keys that are no account id: nothing to give up.
        if (!lock.accountKey().startsWith(ACCOUNT_KEY)) {
            return;
        }
        AccountId account;
        try {
            account = AccountId.parse(lock.accountKey().substring(ACCOUNT_KEY.length()));
        } catch (IllegalArgumentException e) {
            return;
        }
        reset.retireCodes(account, lock.at());
    }
}
