package org.caregate.identity.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameMatchTests {

    @Test
    void namesMatchWhateverTheirCaseAccentsOrCompatibilityForms() {
        assertThat(NameMatch.sameName("munoz", "Muñoz")).isTrue();
        assertThat(NameMatch.sameName("GARCIA-LOPEZ", "García López")).isTrue();
        assertThat(NameMatch.sameName("O'Brien", "O’Brien")).isTrue();
        assertThat(NameMatch.sameName("Ｊｏｓé", "Jose")).isTrue();
        assertThat(NameMatch.sameName("Jose", "Josefa")).isFalse();
        assertThat(NameMatch.sameName(" ", "")).isFalse();
    }

    @Test
    void theFirstGivenNameAloneIsEnough() {
        assertThat(NameMatch.sameGivenNames("Ana", "Ana María")).isTrue();
        assertThat(NameMatch.sameGivenNames("ana maria", "Ana María")).isTrue();
        assertThat(NameMatch.sameGivenNames("María", "Ana María")).isFalse();
    }
}
