package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PolicyTests {

    private static final LocalDate REQUIRED_FROM = LocalDate.of(2027, 3, 31);

    @Test
    void aPersonWithASecondFactorIsAlwaysAskedForIt() {
        assertThat(Policy.decide(true, false, null, REQUIRED_FROM, false)).isEqualTo(Policy.VERIFY);
        assertThat(Policy.decide(true, true, REQUIRED_FROM, REQUIRED_FROM.minusDays(1), false)).isEqualTo(Policy.VERIFY);
    }

    @Test
    void withoutADateNothingIsOfferedOrRequired() {
        assertThat(Policy.decide(false, false, null, REQUIRED_FROM, false)).isEqualTo(Policy.OPEN);
    }

    @Test
    void beforeTheDateItIsOfferedUntilDeclined() {
        assertThat(Policy.decide(false, false, REQUIRED_FROM, REQUIRED_FROM.minusDays(1), false)).isEqualTo(Policy.OFFER);
        assertThat(Policy.decide(false, true, REQUIRED_FROM, REQUIRED_FROM.minusDays(1), false)).isEqualTo(Policy.OPEN);
    }

    @Test
    void afterASupportResetASecondFactorMustBeSetUpWhateverTheDate() {
        assertThat(Policy.decide(false, false, null, REQUIRED_FROM, true)).isEqualTo(Policy.ENROL);
        assertThat(Policy.decide(false, true, REQUIRED_FROM, REQUIRED_FROM.minusDays(1), true)).isEqualTo(Policy.ENROL);
        assertThat(Policy.decide(true, false, null, REQUIRED_FROM, true)).isEqualTo(Policy.VERIFY);
    }

    @Test
    void fromTheDateEveryoneMustSetOneUpAlsoThoseWhoDeclined() {
        assertThat(Policy.decide(false, false, REQUIRED_FROM, REQUIRED_FROM, false)).isEqualTo(Policy.ENROL);
        assertThat(Policy.decide(false, true, REQUIRED_FROM, REQUIRED_FROM, false)).isEqualTo(Policy.ENROL);
        assertThat(Policy.decide(false, true, REQUIRED_FROM, REQUIRED_FROM.plusYears(1), false)).isEqualTo(Policy.ENROL);
    }
}
