package org.caregate.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PhoneNumberTests {

    @Test
    void aNationalNumberIsStoredInE164() {
        var phone = PhoneNumber.parse("(507) 555-0123", "US", PhoneKind.MOBILE);
        assertThat(phone.e164()).isEqualTo("+15075550123");
        assertThat(phone.display()).isEqualTo("(507) 555-0123");
        assertThat(phone.canReceiveTexts()).isTrue();
    }

    @Test
    void internationalNumbersWork() {
        var spain = PhoneNumber.parse("+34 612 345 678", "US", PhoneKind.MOBILE);
        assertThat(spain.e164()).isEqualTo("+34612345678");
        assertThat(spain.display()).isEqualTo("+34 612 34 56 78");
        var mexico = PhoneNumber.parse("+52 55 1234 5678", "US", PhoneKind.MOBILE);
        assertThat(mexico.e164()).isEqualTo("+525512345678");
    }

    @Test
    void aLandlineCannotBeRegisteredAsAMobile() {
        assertThatThrownBy(() -> PhoneNumber.parse("+44 20 7946 0123", "US", PhoneKind.MOBILE))
                .isInstanceOf(InvalidPhoneNumber.class)
                .hasMessageContaining("landline");
        assertThat(PhoneNumber.parse("+44 20 7946 0123", "US", PhoneKind.LANDLINE).canReceiveTexts()).isFalse();
    }

    @Test
    void somethingThatIsNotANumberIsRefused() {
        assertThatThrownBy(() -> PhoneNumber.parse("call me", "US", PhoneKind.MOBILE))
                .isInstanceOf(InvalidPhoneNumber.class);
        assertThatThrownBy(() -> PhoneNumber.parse("+1 123 4", "US", PhoneKind.MOBILE))
                .isInstanceOf(InvalidPhoneNumber.class);
    }

    @Test
    void printingANumberRevealsOnlyItsLastDigits() {
        var phone = PhoneNumber.parse("+15075550123", "US", PhoneKind.MOBILE);
        assertThat(phone.toString()).doesNotContain("0123").contains("23");
        assertThat(phone.masked()).isEqualTo("•••23");
    }
}
