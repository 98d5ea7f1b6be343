package org.caregate.identity;

import java.util.List;

/**
 * A new password does not meet the policy (too short, common, guessable from the person's own
 * words). Carries why, as message keys of {@code i18n/password.properties}, for the form to list.
 */
public class PasswordRefused extends RuntimeException {

    private final transient List<String> problemKeys;

    public PasswordRefused(List<String> problemKeys) {
        super("Password refused", null, false, false);
        this.problemKeys = List.copyOf(problemKeys);
    }

    /** Why, most important first: message keys such as {@code password.problem.common}. */
    public List<String> problemKeys() {
        return problemKeys;
    }
}
