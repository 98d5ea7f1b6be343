package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decisions after a passkey sign-in, and for staff who must use passkeys. */
class PasskeyPolicyTests {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);

    @Test
    void aPasskeyAloneOpensThePortalWhileTheOtherFactorWasCheckedWithinTheLimit() {
        assertThat(PasskeyPolicy.decide(NOW, NOW.minus(Duration.ofDays(1)), NINETY_DAYS, true, false))
                .isEqualTo(PasskeyPolicy.OPEN);
        assertThat(PasskeyPolicy.decide(NOW, NOW.minus(NINETY_DAYS), NINETY_DAYS, true, false))
                .as("exactly 90 days ago is still within the limit").isEqualTo(PasskeyPolicy.OPEN);
    }

    @Test
    void afterTheLimitTheOtherFactorIsAskedFor() {
        assertThat(PasskeyPolicy.decide(NOW, NOW.minus(NINETY_DAYS).minusSeconds(1), NINETY_DAYS, true, false))
                .isEqualTo(PasskeyPolicy.CHECK);
        assertThat(PasskeyPolicy.decide(NOW, null, NINETY_DAYS, true, false))
                .as("never checked").isEqualTo(PasskeyPolicy.CHECK);
    }

    @Test
    void anOrganisationsOwnLimitApplies() {
        Instant fortyDaysAgo = NOW.minus(Duration.ofDays(40));
        assertThat(PasskeyPolicy.decide(NOW, fortyDaysAgo, Duration.ofDays(30), true, false)).isEqualTo(PasskeyPolicy.CHECK);
        assertThat(PasskeyPolicy.decide(NOW, fortyDaysAgo, NINETY_DAYS, true, false)).isEqualTo(PasskeyPolicy.OPEN);
    }

    @Test
    void withoutAnotherFactorOneMustBeSetUpOnceTheLimitIsPassed() {
        assertThat(PasskeyPolicy.decide(NOW, NOW.minus(Duration.ofDays(91)), NINETY_DAYS, false, false))
                .isEqualTo(PasskeyPolicy.SET_UP);
        assertThat(PasskeyPolicy.decide(NOW, NOW.minus(Duration.ofDays(10)), NINETY_DAYS, false, false))
                .isEqualTo(PasskeyPolicy.OPEN);
    }

    @Test
    void aSupportResetAlwaysMeansSettingUpAgain() {
        assertThat(PasskeyPolicy.decide(NOW, NOW, NINETY_DAYS, true, true)).isEqualTo(PasskeyPolicy.SET_UP);
    }

    @Test
    void staffMustUseOrSetUpAPasskeyOnlyWhenRequired() {
        assertThat(PasskeyPolicy.afterStaffPassword(false, true)).isNull();
        assertThat(PasskeyPolicy.afterStaffPassword(true, true)).isEqualTo(PasskeyPolicy.StaffStep.USE_PASSKEY);
        assertThat(PasskeyPolicy.afterStaffPassword(true, false)).isEqualTo(PasskeyPolicy.StaffStep.SET_UP_PASSKEY);
        assertThat(PasskeyPolicy.StaffStep.USE_PASSKEY.path()).startsWith("/staff/sign-in/step/");
    }

    @Test
    void passkeySettingsTakeTheRelyingPartyFromThePublicAddress() {
        var settings = new PasskeySettings(null, java.util.Set.of(), NINETY_DAYS,
                java.util.Map.of("clinic", Duration.ofDays(30)), false, 10);
        assertThat(settings.rpId("https://portal.example.org/")).isEqualTo("portal.example.org");
        assertThat(settings.origins("https://portal.example.org:8443/x")).containsExactly("https://portal.example.org:8443");
        assertThat(settings.checkEvery("clinic")).isEqualTo(Duration.ofDays(30));
        assertThat(settings.checkEvery("health-system")).isEqualTo(NINETY_DAYS);
    }
}
