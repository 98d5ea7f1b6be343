package org.caregate.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import org.caregate.identity.AccountId;
import org.caregate.session.internal.AccountSessions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * What other features need from session policy: a new session id at every step-up, and signing a
 * person out of all their devices.
 */
@Service
@ConditionalOnWebApplication
public class SessionSecurity {

    private final AccountSessions sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SessionSecurity(AccountSessions sessions, ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Gives the request's session a new id, keeping its contents, so an id seen before the step-up
     * (second factor, re-entered password) opens nothing after it. Call after every step-up; the
     * response carries the new cookie. Starts a session when the request has none.
     *
     * @return the new session id
     */
    public String renewId(HttpServletRequest request) {
        HttpSession existing = request.getSession(false);
        if (existing == null) {
            return request.getSession(true).getId();
        }
        return request.changeSessionId();
    }

    /**
     * Ends every session of the account on every node, including the caller's own, and publishes
     * {@link SignedOutEverywhere} so remembered devices are forgotten too.
     *
     * @return how many sessions ended
     */
    public int signOutEverywhere(AccountId account) {
        int ended = sessions.endAll(account, null);
        events.publishEvent(new SignedOutEverywhere(account, Instant.now(clock)));
        return ended;
    }
}
