package org.caregate.identity.password;

/**
 * Why a new password is refused, in words a patient understands. Each has a message in
 * {@code i18n/password.properties} and {@code password_es.properties}.
 */
public enum PasswordProblem {

    /** Fewer than {@link PasswordPolicy#MIN_LENGTH} characters. */
    TOO_SHORT("password.problem.tooShort"),
    /** More than {@link PasswordPolicy#MAX_LENGTH} characters. */
    TOO_LONG("password.problem.tooLong"),
    /** On a list of passwords people often use, or nearly so. */
    COMMON("password.problem.common"),
    /** Contains the person's own words: name, username, e-mail, birth year, organisation. */
    GUESSABLE_PERSONAL("password.problem.personal"),
    /** Keyboard patterns (qwerty), repeats (aaaa, abcabc) or sequences (1234, abcd). */
    REPEATS_OR_SEQUENCE("password.problem.pattern"),
    /** Dates and recent years. */
    DATE("password.problem.date"),
    /** Easy to guess for no single reason above: usually one word or name, or too few words. */
    TOO_WEAK("password.problem.tooWeak");

    private final String messageKey;

    PasswordProblem(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The message bundle key explaining this problem to the person. */
    public String messageKey() {
        return messageKey;
    }
}
