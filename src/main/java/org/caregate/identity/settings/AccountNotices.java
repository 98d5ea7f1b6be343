package org.caregate.identity.settings;

import java.util.Locale;
import java.util.Optional;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ContactsOnFile;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.SecurityNotices;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Security notices: "your password was changed", "your e-mail was changed". They go to every
 * contact on file whatever the person's preferences say, so that someone who got into the account
 * cannot silence them, and they hold no code and no health information, only what to do if it
 * was not the person: call support.
 */
@Component
class AccountNotices implements SecurityNotices {

    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Notifications notifications;
    private final MessageSource messages;

    AccountNotices(AccountManagement accounts, Organizations organizations, Notifications notifications,
            MessageSource messages) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.notifications = notifications;
        this.messages = messages;
    }

    /**
     * Runs in the transaction that changed the password, so the notice is queued exactly when the
     * change commits.
     */
    @EventListener
    void passwordChanged(PasswordChanged changed) {
        // Staff passwords belong to the service desk, which tells staff its own way.
        tell(changed.accountId(), "account.notice.passwordChanged");
    }

    @Override
    public void tell(AccountId account, String messageKey) {
        ContactsOnFile contacts = accounts.contactsOnFile(account);
        organizationOf(contacts).ifPresent(organization -> tell(contacts.email(), contacts.phone(), messageKey,
                organization, contacts.locale(LocaleContextHolder.getLocale())));
    }

    /** Tells the e-mail address that was on file that the account's e-mail changed. */
    void emailChanged(ContactsOnFile before, Locale pageLocale) {
        organizationOf(before).ifPresent(organization -> tell(before.email(), null, "account.notice.emailChanged",
                organization, before.locale(pageLocale)));
    }

    /** Tells the phone that was on file that the account's phone changed. */
    void phoneChanged(ContactsOnFile before, Locale pageLocale) {
        organizationOf(before).ifPresent(organization -> tell(null, before.phone(), "account.notice.phoneChanged",
                organization, before.locale(pageLocale)));
    }

    /** By e-mail, and by text to a mobile; a landline gets a call only when there is no e-mail to send to. */
    private void tell(@Nullable String email, @Nullable PhoneNumber phone, String key, Organization organization,
            Locale locale) {
        Object[] args = {organization.name(), organization.supportPhoneDisplay()};
        if (email != null) {
            notifications.queue(OutgoingMessage.email(email, messages.getMessage(key + ".subject", args, locale),
                    messages.getMessage(key + ".mail", args, locale)));
        }
        if (phone != null && phone.canReceiveTexts()) {
            notifications.queue(OutgoingMessage.text(phone.e164(), messages.getMessage(key + ".text", args, locale)));
        } else if (phone != null && email == null) {
            notifications.queue(OutgoingMessage.call(phone.e164(), messages.getMessage(key + ".call", args, locale)));
        }
    }

    private Optional<Organization> organizationOf(ContactsOnFile contacts) {
        return contacts.homeOrganizationId() == null ? Optional.empty() : organizations.find(contacts.homeOrganizationId());
    }
}
