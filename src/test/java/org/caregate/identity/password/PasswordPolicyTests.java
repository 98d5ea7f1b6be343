package org.caregate.identity.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    static final PasswordPolicy policy = new PasswordPolicy();
    static final List<String> nobody = List.of();

    @Test
    void elevenCharactersAreRefusedAsTooShort() {
        var check = policy.check("kettle tuli", nobody);

        assertThat(check.acceptable()).isFalse();
        assertThat(check.problems()).containsExactly(PasswordProblem.TOO_SHORT);
        assertThat(check.score()).isLessThan(3);
    }

    @Test
    void twelveCharactersThatAreHardToGuessAreAccepted() {
        var check = policy.check("kettle tulip", nobody);

        assertThat(check.acceptable()).isTrue();
        assertThat(check.problems()).isEmpty();
        assertThat(check.score()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void twoHundredFiftySixCharactersAreAcceptedAndOneMoreIsRefused() {
        String longest = "orange tulip kettle ladder violin cactus mango river piano ".repeat(5).substring(0, 256);

        assertThat(policy.check(longest, nobody).acceptable()).isTrue();
        var tooLong = policy.check(longest + "x", nobody);
        assertThat(tooLong.acceptable()).isFalse();
        assertThat(tooLong.problems()).containsExactly(PasswordProblem.TOO_LONG);
    }

    @Test
    void anyUnicodeIsAcceptedAndCountedByCharactersNotCodeUnits() {
        String twelveEmoji = "🐈🌵🎺🧦🌻🐝🦔🍋🪁🧩🎻🦜";
        String sixEmoji = "🐈🌵🎺🧦🌻🐝"; // twelve UTF-16 units, six characters

        assertThat(policy.check(twelveEmoji, nobody).acceptable()).isTrue();
        assertThat(sixEmoji).hasSize(12);
        assertThat(policy.check(sixEmoji, nobody).problems()).contains(PasswordProblem.TOO_SHORT);
        assertThat(policy.check("mañana ñandú pingüino", nobody).acceptable()).isTrue();
        assertThat(policy.check("風林火山 雪月花 東京駅", nobody).acceptable()).isTrue();
    }

    @Test
    void fullWidthCharactersAreCheckedAsTheirPlainForm() {
        String fullWidth = "ｐａｓｓｗｏｒｄ１２３４";

        assertThat(PasswordPolicy.normalize(fullWidth)).isEqualTo("password1234");
        assertThat(policy.check(fullWidth, nobody)).isEqualTo(policy.check("password1234", nobody));
        // A decomposed accent counts as the one character it shows.
        assertThat(PasswordPolicy.normalize("n\u0303")).isEqualTo("ñ");
    }

    @Test
    void aCommonPasswordIsRefusedAsCommon() {
        var check = policy.check("password1234", nobody);

        assertThat(check.acceptable()).isFalse();
        assertThat(check.problems()).contains(PasswordProblem.COMMON);
    }

    @Test
    void thePersonsNameMakesAPasswordGuessable() {
        String password = "MargaritaVillanueva1990";
        var withoutTheirDetails = policy.check(password, nobody);
        var withTheirDetails = policy.check(password, List.of("Margarita", "Villanueva", "mvillanueva"));

        assertThat(withoutTheirDetails.acceptable()).isTrue();
        assertThat(withTheirDetails.acceptable()).isFalse();
        assertThat(withTheirDetails.problems()).contains(PasswordProblem.GUESSABLE_PERSONAL);
    }

    @Test
    void aPasswordMadeOnlyOfThePersonsOwnDetailsIsRefused() {
        var check = policy.check("margarita villanueva riverbend",
                List.of("Margarita Villanueva", "margarita.villanueva@example.org", "Riverbend Clinic"));

        assertThat(check.acceptable()).isFalse();
        assertThat(check.problems()).contains(PasswordProblem.GUESSABLE_PERSONAL);
    }

    @Test
    void unrelatedWordsBesideTheNameAreStillAccepted() {
        var check = policy.check("margarita orange tulip kettle", List.of("Margarita Villanueva"));

        assertThat(check.acceptable()).isTrue();
    }

    @Test
    void noCompositionRulesFourLowercaseWordsPass() {
        assertThat(policy.check("orange tulip kettle ladder", nobody).acceptable()).isTrue();
        assertThat(policy.check("mi gato come lentejas", nobody).acceptable()).isTrue();
    }

    @Test
    void keyboardPatternsRepeatsAndSequencesAreRefused() {
        for (String pattern : List.of("zxcvbnm,./asdf", "asdfghjkl;'zx", "aaaaaaaaaaaa", "abcdefghijkl")) {
            var check = policy.check(pattern, nobody);

            assertThat(check.acceptable()).as(pattern).isFalse();
            assertThat(check.problems()).as(pattern).contains(PasswordProblem.REPEATS_OR_SEQUENCE);
        }
    }

    @Test
    void aWeakPasswordWithNoNamedReasonIsExplainedAsTooWeak() {
        var check = policy.check("Sunshine2024!", nobody);

        assertThat(check.acceptable()).isFalse();
        assertThat(check.problems()).isNotEmpty();
    }

    @Test
    void aLongPasswordIsJudgedQuickly() {
        String digits = "1234567890".repeat(26).substring(0, 256);
        policy.check(digits, nobody); // warm up

        long start = System.nanoTime();
        var check = policy.check(digits, nobody);

        assertThat(check.acceptable()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    }

    @Test
    void everyProblemHasAMessageInEnglishAndSpanish() throws Exception {
        for (String bundle : List.of("/i18n/password.properties", "/i18n/password_es.properties")) {
            var messages = new java.util.Properties();
            try (var in = getClass().getResourceAsStream(bundle)) {
                messages.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            for (PasswordProblem problem : PasswordProblem.values()) {
                assertThat(messages.getProperty(problem.messageKey())).as(bundle + " " + problem).isNotBlank();
            }
        }
    }
}
