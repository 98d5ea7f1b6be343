package org.caregate.session.internal;

import org.caregate.identity.AccountId;
import org.caregate.identity.PasswordChanged;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.event.EventListener;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A person's sessions, found through Spring Session's principal index (the account id) and deleted
 * from PostgreSQL, so every node stops accepting them at once. After a password reset every
 * session ends; after a change made while signed in, every other one (the person stays signed in
 * where they made it).
 */
@Component
@ConditionalOnWebApplication
public class AccountSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    AccountSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Deletes every session of the account except {@code keep} (a session id); returns how many. */
    public int endAll(AccountId account, @Nullable String keep) {
        int ended = 0;
        for (String id : sessions.findByPrincipalName(account.toString()).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
                ended++;
            }
        }
        return ended;
    }

    @EventListener
    void passwordChanged(PasswordChanged changed) {
        endAll(changed.accountId(), changed.how() == PasswordChanged.How.CHANGED ? currentSessionId() : null);
    }

    /** The session of the request that changed the password, if the change came from one. */
    private static @Nullable String currentSessionId() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var session = attributes.getRequest().getSession(false);
            return session == null ? null : session.getId();
        }
        return null;
    }
}
