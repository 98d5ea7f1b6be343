package org.caregate.mfa.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Locale;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.mfa.internal.TextCodes.Purpose;
import org.caregate.mfa.internal.Sent;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Limits against SMS pumping: per number whatever the account, per client address, per country,
 * and countries texts never go to. Each test uses numbers of a country of its own, so the counts of
 * one do not reach another's.
 */
@SpringBootTest(properties = {"caregate.mfa.sends-per-number=2", "caregate.mfa.sends-per-address=3",
        "caregate.mfa.sends-per-country=4", "caregate.mfa.blocked-countries=CU"})
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class TextPumpingLimitsIntegrationTests {

    @Autowired
    TextCodes codes;

    @Autowired
    TestPatients patients;

    @Autowired
    MutableClock clock;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void freshWindow() {
        clock.advance(Duration.ofHours(2));
    }

    @Test
    void oneNumberGetsAtMostItsShareWhateverTheAccountAsking() {
        PhoneNumber french = PhoneNumber.parse("+33 6 12 34 56 78", "FR", PhoneKind.MOBILE);

        assertThat(send(patients.patientWithAccount("clinic"), french, "198.51.100.1")).isInstanceOf(Sent.Yes.class);
        assertThat(send(patients.patientWithAccount("clinic"), french, "198.51.100.2")).isInstanceOf(Sent.Yes.class);
        assertThat(send(patients.patientWithAccount("clinic"), french, "198.51.100.3")).isInstanceOf(Sent.TooMany.class);
        clock.advance(Duration.ofMinutes(61));
        assertThat(send(patients.patientWithAccount("clinic"), french, "198.51.100.4")).isInstanceOf(Sent.Yes.class);
    }

    @Test
    void oneClientAddressGetsAtMostItsShare() {
        String address = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            PhoneNumber german = PhoneNumber.parse("+49 1512 345678" + i, "DE", PhoneKind.MOBILE);
            assertThat(send(patients.patientWithAccount("clinic"), german, address)).isInstanceOf(Sent.Yes.class);
        }
        PhoneNumber another = PhoneNumber.parse("+49 1512 3456789", "DE", PhoneKind.MOBILE);

        assertThat(send(patients.patientWithAccount("clinic"), another, address)).isInstanceOf(Sent.TooMany.class);
        assertThat(send(patients.patientWithAccount("clinic"), another, "203.0.113.8")).isInstanceOf(Sent.Yes.class);
    }

    @Test
    void aSurgeToOneCountryIsStoppedWhileOtherCountriesGetTheirCodes() {
        double limitedBefore = counted("limited", "country");
        for (int i = 0; i < 4; i++) {
            PhoneNumber british = PhoneNumber.parse("+44 7911 12345" + i, "GB", PhoneKind.MOBILE);
            assertThat(send(patients.patientWithAccount("clinic"), british, "192.0.2." + i)).isInstanceOf(Sent.Yes.class);
        }

        PhoneNumber fifth = PhoneNumber.parse("+44 7911 123459", "GB", PhoneKind.MOBILE);
        assertThat(send(patients.patientWithAccount("clinic"), fifth, "192.0.2.9")).isInstanceOf(Sent.TooMany.class);
        assertThat(counted("limited", "country")).isEqualTo(limitedBefore + 1);
        PhoneNumber mexican = PhoneNumber.parse("+52 55 1234 5678", "MX", PhoneKind.MOBILE);
        assertThat(send(patients.patientWithAccount("clinic"), mexican, "192.0.2.10")).isInstanceOf(Sent.Yes.class);
    }

    @Test
    void aBlockedCountryGetsNoTextAndTheRefusalIsCounted() {
        double blockedBefore = counted("blocked", "country");
        PhoneNumber cuban = PhoneNumber.parse("+53 5 123 4567", "CU", PhoneKind.MOBILE);

        assertThat(send(patients.patientWithAccount("clinic"), cuban, "192.0.2.50")).isInstanceOf(Sent.CountryBlocked.class);
        assertThat(counted("blocked", "country")).isEqualTo(blockedBefore + 1);
    }

    private Sent send(Account account, PhoneNumber to, String address) {
        return codes.send(account.id(), TextCodes.newAttemptToken(), Purpose.SIGN_IN, to, "Riverbend Clinic", Locale.ENGLISH,
                address);
    }

    private double counted(String outcome, String reason) {
        var counter = meters.find("caregate.mfa.texts").tag("outcome", outcome).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }
}
