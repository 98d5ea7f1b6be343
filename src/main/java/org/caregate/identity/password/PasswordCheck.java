package org.caregate.identity.password;

import java.util.List;

/**
 * The verdict on a new password.
 *
 * @param score how hard it is to guess, 0 (very easy) to 4 (very hard), from zxcvbn; never above 2
 *     when the length refuses the password, so a meter never calls a refused password strong
 * @param acceptable whether the password may be set
 * @param problems why it is refused, most important first; empty when acceptable
 */
public record PasswordCheck(int score, boolean acceptable, List<PasswordProblem> problems) {

    public PasswordCheck {
        problems = List.copyOf(problems);
    }
}
