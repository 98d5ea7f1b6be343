package org.caregate.identity.password;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import com.nulabinc.zxcvbn.matchers.Match;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What a new password must be (NIST SP 800-63B): at least 12 characters, at most 256, any
 * characters at all, no composition rules; refused when it is common or guessable, judged by
 * zxcvbn, with the person's own words counting as known to the guesser.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    /** zxcvbn's lowest score we accept: "safely unguessable: moderate protection from offline attacks". */
    static final int MIN_SCORE = 3;
    /**
     * zxcvbn reads only this many characters: its matching grows worse than linearly (a 256-digit
     * sequence takes seconds), and the meter runs on every pause in typing. Its authors advise the
     * same; a password whose first 100 characters are strong is strong.
     */
    static final int MEASURED_LENGTH = 100;
    /** Shorter personal words (initials, "Li") would strike too much of an unrelated password. */
    private static final int MIN_PERSONAL_WORD = 3;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /**
     * Checks a new password.
     *
     * @param userInputs the person's own words a guesser would try (names, username, e-mail parts,
     *     birth year, organisation name)
     */
    public PasswordCheck check(String password, List<String> userInputs) {
        String normalized = normalize(password);
        int length = normalized.codePointCount(0, normalized.length());
        if (length > MAX_LENGTH) {
            return new PasswordCheck(0, false, List.of(PasswordProblem.TOO_LONG));
        }
        String measured = normalized.substring(0, normalized.offsetByCodePoints(0, Math.min(length, MEASURED_LENGTH)));
        List<String> personalWords = personalWords(userInputs);

        Set<PasswordProblem> problems = EnumSet.noneOf(PasswordProblem.class);
        if (length < MIN_LENGTH) {
            problems.add(PasswordProblem.TOO_SHORT);
        }
        Strength strength = zxcvbn.measure(measured, personalWords);
        int score = strength.getScore();
        List<Match> sequence = strength.getSequence();

        // The guesser knows the person's words: what is left without them must stand on its own.
        String withoutPersonal = withoutPersonalWords(measured, personalWords);
        if (!withoutPersonal.equals(measured.toLowerCase(Locale.ROOT))) {
            int remainderScore = withoutPersonal.isBlank() ? 0 : scoreOf(withoutPersonal, personalWords);
            if (remainderScore < MIN_SCORE) {
                problems.add(PasswordProblem.GUESSABLE_PERSONAL);
                score = Math.min(score, remainderScore);
            }
        }
        if (score < MIN_SCORE) {
            problems.addAll(reasons(sequence, measured.codePointCount(0, measured.length())));
            if (problems.isEmpty()) {
                problems.add(PasswordProblem.TOO_WEAK);
            }
        }
        strength.wipe(); // zxcvbn's copies of the password, in the matches too
        if (problems.contains(PasswordProblem.TOO_SHORT)) {
            score = Math.min(score, MIN_SCORE - 1);
        }
        return new PasswordCheck(score, problems.isEmpty(), List.copyOf(problems));
    }

    /**
     * NFKC, as NIST SP 800-63B advises: the same password typed on another keyboard or phone (an
     * accent composed or decomposed, full-width letters from an Asian input method, a ligature) gives
     * the same characters, so it is checked, counted and hashed alike. {@link PasswordHashing} applies
     * the same form.
     */
    static String normalize(CharSequence password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    private int scoreOf(String password, List<String> personalWords) {
        Strength strength = zxcvbn.measure(password, personalWords);
        int score = strength.getScore();
        strength.wipe();
        return score;
    }

    /** Each input whole and split into its words ("maria.lopez@example.org": maria, lopez, example). */
    private static List<String> personalWords(List<String> userInputs) {
        Set<String> words = new LinkedHashSet<>();
        for (String input : userInputs) {
            String whole = normalize(input).toLowerCase(Locale.ROOT).strip();
            words.add(whole);
            words.add(whole.replaceAll("\\s+", ""));
            for (String part : whole.split("[^\\p{L}\\p{N}]+")) {
                words.add(part);
            }
        }
        List<String> result = new ArrayList<>();
        for (String word : words) {
            if (word.codePointCount(0, word.length()) >= MIN_PERSONAL_WORD) {
                result.add(word);
            }
        }
        // Longest first, so "villanueva1990" is struck whole before "villanueva".
        result.sort(Comparator.comparingInt(String::length).reversed());
        return result;
    }

    private static String withoutPersonalWords(String password, List<String> personalWords) {
        String rest = password.toLowerCase(Locale.ROOT);
        for (String word : personalWords) {
            rest = rest.replace(word, "");
        }
        return rest;
    }

    /** zxcvbn's explanation of a weak password, as our problems. */
    private static Set<PasswordProblem> reasons(List<Match> sequence, int length) {
        Set<PasswordProblem> reasons = EnumSet.noneOf(PasswordProblem.class);
        for (Match match : sequence) {
            int tokenLength = Character.codePointCount(match.token, 0, match.token.length());
            switch (match.pattern) {
                case Dictionary -> {
                    if ("user_inputs".equals(match.dictionaryName)) {
                        reasons.add(PasswordProblem.GUESSABLE_PERSONAL);
                    } else if ("passwords".equals(match.dictionaryName) && tokenLength * 2 >= length) {
                        // A common password as most of it, not a short word like "blue" inside it.
                        reasons.add(PasswordProblem.COMMON);
                    }
                }
                case Spatial, Repeat, Sequence -> {
                    if (tokenLength >= 3) {
                        reasons.add(PasswordProblem.REPEATS_OR_SEQUENCE);
                    }
                }
                case Date, Regex -> reasons.add(PasswordProblem.DATE);
                case Bruteforce -> {}
            }
        }
        return reasons;
    }
}
