package org.caregate.mfa.internal;

import org.caregate.identity.SecurityNotices;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorRemoved;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * "A second sign-in step was added to (removed from) your account": to every contact on file, in the
 * transaction that made the change, so someone who got in and swapped the phone cannot hide it.
 */
@Component
class FactorNotices {

    private final SecurityNotices notices;

    FactorNotices(SecurityNotices notices) {
        this.notices = notices;
    }

    @EventListener
    void added(SecondFactorAdded added) {
        notices.tell(added.accountId(), "mfa.notice.added");
    }

    @EventListener
    void removed(SecondFactorRemoved removed) {
        notices.tell(removed.accountId(), "mfa.notice.removed");
    }
}
