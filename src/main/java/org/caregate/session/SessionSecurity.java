package org.caregate.session;

import jakarta.servlet.http.HttpServletRequest;
import org.caregate.identity.AccountId;
import org.caregate.session.internal.SignOutEverywhere;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Service;

/** What other features need from session policy: a new id at every step-up, and signing a person out everywhere. */
@Service
@ConditionalOnWebApplication
public class SessionSecurity {

    private final SignOutEverywhere everywhere;

    SessionSecurity(SignOutEverywhere everywhere) {
        this.everywhere = everywhere;
    }

    /** Gives the request's session a new id, keeping its contents: call after every step-up. */
    public void renewId(HttpServletRequest request) {
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
    }

    /** Ends every session of the account, on every node. Returns how many ended. */
    public int signOutEverywhere(AccountId account) {
        return everywhere.all(account, null);
    }
}
