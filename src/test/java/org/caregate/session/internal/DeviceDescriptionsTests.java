package org.caregate.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceDescriptionsTests {

    private final DeviceDescriptions descriptions = new DeviceDescriptions();

    @Test
    void namesTheBrowserAndTheSystem() {
        assertThat(descriptions.describe("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Mobile Safari/537.36")).isEqualTo("Chrome Mobile on Android");
        assertThat(descriptions.describe("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1")).isEqualTo("Mobile Safari on iOS");
        assertThat(descriptions.describe("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0"))
                .isEqualTo("Firefox on Windows");
    }

    @Test
    void aHeaderNoRuleKnowsIsAnUnknownBrowser() {
        assertThat(descriptions.describe(null)).isEqualTo(DeviceDescriptions.UNKNOWN);
        assertThat(descriptions.describe("  ")).isEqualTo(DeviceDescriptions.UNKNOWN);
        assertThat(descriptions.describe("zz9 plural z alpha")).isEqualTo(DeviceDescriptions.UNKNOWN);
    }

    @Test
    void theSameHeaderIsDescribedTheSameWayAgainAndAnOverlongOneIsCutFirst() {
        String firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
        String first = descriptions.describe(firefox);
        assertThat(descriptions.describe(firefox)).isEqualTo(first).isEqualTo("Firefox on Linux");
        assertThat(descriptions.describe(firefox + " " + "x".repeat(100_000))).isEqualTo("Firefox on Linux");
    }
}
