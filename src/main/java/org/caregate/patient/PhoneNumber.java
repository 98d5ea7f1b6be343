package org.caregate.patient;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;

/**
 * A phone number on file, always in E.164 form ({@code +15075550123}), and whether it is a mobile
 * or a landline. Parsing goes through libphonenumber so international numbers work the same as
 * domestic ones.
 */
public record PhoneNumber(String e164, PhoneKind kind) {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public PhoneNumber {
        if (!e164.matches("\\+[1-9]\\d{6,14}")) {
            throw new InvalidPhoneNumber("Not an E.164 number");
        }
    }

    /**
     * Parses a number as a person or the EHR wrote it. Numbers without a {@code +} country code are
     * read as numbers of {@code defaultRegion} (ISO 3166 code such as {@code US}). A number the
     * numbering plan says can only be a landline is refused as a mobile, and the reverse.
     */
    public static PhoneNumber parse(String text, String defaultRegion, PhoneKind kind) {
        com.google.i18n.phonenumbers.Phonenumber.PhoneNumber parsed;
        try {
            parsed = PHONES.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumber("Not a phone number: " + e.getErrorType());
        }
        if (!PHONES.isValidNumber(parsed)) {
            throw new InvalidPhoneNumber("Not a valid number for its country");
        }
        PhoneNumberType type = PHONES.getNumberType(parsed);
        if (kind == PhoneKind.MOBILE && type == PhoneNumberType.FIXED_LINE) {
            throw new InvalidPhoneNumber("That number is a landline, so it cannot receive texts");
        }
        if (kind == PhoneKind.LANDLINE && type == PhoneNumberType.MOBILE) {
            throw new InvalidPhoneNumber("That number is a mobile number");
        }
        return new PhoneNumber(PHONES.format(parsed, PhoneNumberFormat.E164), kind);
    }

    /** Whether texts can be sent to this number. */
    public boolean canReceiveTexts() {
        return kind == PhoneKind.MOBILE;
    }

    /** For screens: national format at home ({@code (507) 555-0123}), international otherwise. */
    public String display() {
        try {
            var parsed = PHONES.parse(e164, "US");
            return PHONES.format(parsed, parsed.getCountryCode() == 1 ? PhoneNumberFormat.NATIONAL
                    : PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** The last two digits only, for places where the whole number would say too much. */
    public String masked() {
        return "•••" + e164.substring(e164.length() - 2);
    }

    @Override
    public String toString() {
        return "PhoneNumber[" + kind + ", " + masked() + "]";
    }
}
