package org.caregate.organization;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One organisation of the deployment: a clinic or a health system with its own sign-in page,
 * branding, support line and medical record numbers.
 *
 * @param id short stable name used in addresses, e.g. {@code clinic} gives {@code /clinic/sign-in}
 * @param name the full name patients see on their paperwork
 * @param shortName the name under the portal's icon on a phone's home screen: up to 12 characters
 *     show in full; the full name when not configured
 * @param kind {@code clinic} or {@code health-system}
 * @param documentsSay what a patient's paperwork, bill or activation message says, for the portal guide
 * @param primaryColor brand colour as {@code #rrggbb}; must reach 4.5:1 against white
 * @param accentColor a light tint as {@code #rrggbb} for backgrounds
 * @param logo address of the logo image
 * @param icons address of the folder holding the home-screen icons ({@code icon-192.png},
 *     {@code icon-512.png}, {@code icon-maskable-512.png}, {@code apple-touch-icon.png}); when not
 *     configured, the portal's own icons
 * @param supportPhone support line in E.164 form
 * @param supportHours support hours by language
 * @param mrnLabel what this organisation calls its medical record number, by language
 * @param regions where the organisation gives care, by language (optional)
 */
public record Organization(
        String id,
        String name,
        @Nullable String shortName,
        String kind,
        String documentsSay,
        String primaryColor,
        String accentColor,
        String logo,
        @Nullable String icons,
        String supportPhone,
        Map<String, String> supportHours,
        Map<String, String> mrnLabel,
        @Nullable Map<String, String> regions) {

    /** The folder of the portal's own home-screen icons, for organisations without their own. */
    public static final String PORTAL_ICONS = "/img";

    public Organization {
        if (!id.matches("[a-z][a-z0-9-]{1,30}")) {
            throw new IllegalArgumentException("Organisation id must be lower-case letters, digits and dashes: " + id);
        }
        if (!primaryColor.matches("#[0-9a-fA-F]{6}") || !accentColor.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("Organisation colours must be #rrggbb: " + id);
        }
        if (!supportPhone.matches("\\+[1-9]\\d{6,14}")) {
            throw new IllegalArgumentException("Organisation support phone must be in +E.164 form: " + id);
        }
        shortName = shortName == null || shortName.isBlank() ? name : shortName;
        icons = icons == null || icons.isBlank() ? null : icons.replaceFirst("/+$", "");
        supportHours = Map.copyOf(supportHours);
        mrnLabel = Map.copyOf(mrnLabel);
        regions = regions == null ? Map.of() : Map.copyOf(regions);
    }

    /** The support line as people dial it at home, e.g. {@code (507) 738-4013}. */
    public String supportPhoneDisplay() {
        var phones = PhoneNumberUtil.getInstance();
        try {
            var number = phones.parse(supportPhone, "US");
            var format = number.getCountryCode() == 1
                    ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                    : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL;
            return phones.format(number, format);
        } catch (NumberParseException e) {
            return supportPhone;
        }
    }

    /** The name under the portal's icon on a home screen; never null (the full name by default). */
    @Override
    public String shortName() {
        return shortName == null ? name : shortName;
    }

    /**
     * The address of one of this organisation's home-screen icons, e.g. {@code apple-touch-icon.png}:
     * in its own folder, or the portal's when it has none.
     */
    public String homeScreenIcon(String file) {
        return (icons == null ? PORTAL_ICONS : icons) + "/" + file;
    }

    /** The address of this organisation's own sign-in page. */
    public String signInPath() {
        return "/" + id + "/sign-in";
    }

    public String supportHours(Locale locale) {
        return localized(supportHours, locale);
    }

    public String mrnLabel(Locale locale) {
        return localized(mrnLabel, locale);
    }

    public String regions(Locale locale) {
        return localized(regions, locale);
    }

    private static String localized(Map<String, String> texts, Locale locale) {
        return texts.getOrDefault(locale.getLanguage(), texts.getOrDefault("en", ""));
    }
}
