package org.caregate.identity.throttle;

import org.springframework.stereotype.Component;

/** PLACEHOLDER until the throttle branch lands (same API). */
@Component
public class SignInThrottle {

    public Verdict check(ThrottleKeys keys) {
        return new Verdict.Allowed();
    }

    public Verdict failed(ThrottleKeys keys) {
        return new Verdict.Allowed();
    }

    public void succeeded(ThrottleKeys keys) {}

    public void unlock(String accountKey) {}
}
