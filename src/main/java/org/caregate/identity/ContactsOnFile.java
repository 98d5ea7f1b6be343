package org.caregate.identity;

import java.util.Locale;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * Where an account's codes and notices go: the account's own e-mail and phone or, where the account
 * has none, those of its patient in the registry. {@link #toString()} names no address.
 *
 * @param homeOrganizationId the organisation whose support line notices name; {@code null} for staff
 */
public record ContactsOnFile(
        AccountId accountId,
        @Nullable String email,
        @Nullable PhoneNumber phone,
        ContactPreferences preferences,
        @Nullable String homeOrganizationId) {

    /** A phone that can receive texts, if any. */
    public @Nullable PhoneNumber mobile() {
        return phone != null && phone.canReceiveTexts() ? phone : null;
    }

    public Locale locale(Locale fallback) {
        return preferences.locale(fallback);
    }

    @Override
    public String toString() {
        return "ContactsOnFile[" + accountId + "]";
    }
}
