package org.caregate.identity.recovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Whether a new password may be used, with the reasons in plain words (message keys). Every form
 * that sets a password asks here, so the rules are the same on each.
 */
@Component
public class NewPasswords {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 1024;

    /**
     * What is wrong with the password, as message keys; empty when it may be used.
     *
     * @param userInputs what the person is known by (username, e-mail), which a password must not contain
     */
    public List<String> problems(String password, List<String> userInputs) {
        List<String> problems = new ArrayList<>();
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            problems.add("recovery.password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            problems.add("recovery.password.tooLong");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        for (String input : userInputs) {
            String name = input.strip().toLowerCase(Locale.ROOT);
            if (name.length() >= 4 && lower.contains(name.contains("@") ? name.substring(0, name.indexOf('@')) : name)) {
                problems.add("recovery.password.likeYourName");
                break;
            }
        }
        return problems;
    }
}
