package org.caregate.identity.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class CodeAlphabetTests {

    private final CodeAlphabet alphabet = new CodeAlphabet();

    @Test
    void theAlphabetHasNoLookAlikesAndNoVowels() {
        assertThat(CodeAlphabet.ALPHABET).doesNotContain("0", "O", "1", "I", "L", "A", "E", "U");
        assertThat(CodeAlphabet.ALPHABET.chars().distinct().count()).isEqualTo(CodeAlphabet.ALPHABET.length());
    }

    @RepeatedTest(20)
    void anActivationCodeIsTwelveCharactersReadInGroupsOfFour() {
        String code = alphabet.randomCode(CodeAlphabet.ACTIVATION_LENGTH);

        assertThat(code).hasSize(12).matches("[" + CodeAlphabet.ALPHABET + "]{12}");
        assertThat(CodeAlphabet.grouped(code)).matches("[2-9B-Z]{4}-[2-9B-Z]{4}-[2-9B-Z]{4}");
    }

    @Test
    void typingIsForgiving() {
        assertThat(CodeAlphabet.normalise(" k7qm 3fxp-9trw ")).isEqualTo("K7QM3FXP9TRW");
        assertThat(CodeAlphabet.normalise("O")).isEqualTo(CodeAlphabet.normalise("0"));
        assertThat(CodeAlphabet.normalise("I")).isEqualTo(CodeAlphabet.normalise("1")).isEqualTo(CodeAlphabet.normalise("l"));
        assertThat(CodeAlphabet.couldBeActivationCode(CodeAlphabet.normalise("k7qm-3fxp-9trw"))).isTrue();
        assertThat(CodeAlphabet.couldBeActivationCode(CodeAlphabet.normalise("K7QM-3FXP-9TR"))).isFalse();
    }
}
