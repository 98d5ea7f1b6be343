package org.caregate.identity.activation;

import java.time.Clock;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.AccountOpened;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A patient who opened an account (with a code, by proving who they are, or through support) has
 * no use for the codes still out there: they are retired in the same transaction, so a code in a
 * lost letter cannot open a second way in.
 */
@Component
class RetireCodesWhenAccountOpens {

    private final AccountManagement accounts;
    private final IssuedCodes codes;
    private final Clock clock;

    RetireCodesWhenAccountOpens(AccountManagement accounts, IssuedCodes codes, Clock clock) {
        this.accounts = accounts;
        this.codes = codes;
        this.clock = clock;
    }

    @EventListener
    void on(AccountOpened opened) {
        accounts.find(opened.accountId()).ifPresent(account -> {
            if (account.patientId() != null) {
                codes.retireAllWorking(account.patientId(), clock.instant());
            }
        });
    }
}
