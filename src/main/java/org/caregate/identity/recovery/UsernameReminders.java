package org.caregate.identity.recovery;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.PhoneNumber;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot your username?": the usernames of the accounts that use an e-mail address or phone
 * number, sent to that address or number only (never shown on the page, which answers the same
 * whether or not any account uses it).
 */
@Service
public class UsernameReminders {

    private static final Duration HOUR = Duration.ofHours(1);

    private final AccountManagement accounts;
    private final Organizations organizations;
    private final RequestLimits limits;
    private final Notifications notifications;
    private final MessageSource messages;
    private final RecoverySettings settings;
    private final String publicBaseUrl;

    UsernameReminders(AccountManagement accounts, Organizations organizations, RequestLimits limits,
            Notifications notifications, MessageSource messages, RecoverySettings settings,
            @Value("${caregate.public-base-url:}") String publicBaseUrl) {
        this.accounts = accounts;
        this.organizations = organizations;
        this.limits = limits;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.publicBaseUrl = publicBaseUrl.replaceFirst("/+$", "");
    }

    /** @return false when this client address asked too often and must wait */
    @Transactional
    public boolean remindByEmail(String email, String clientAddress, Organization page, Locale locale) {
        if (!limits.allow("reminder-address:" + clientAddress, settings.requestsPerAddressPerHour(), HOUR)) {
            return false;
        }
        List<Account> found = patients(accounts.findUsingEmail(email));
        if (found.isEmpty() || !contactAllowed(email)) {
            return true;
        }
        Object[] args = {page.name(), lines(found), page.supportPhoneDisplay()};
        // To the address as it is on file, not as typed.
        String onFile = accounts.contactsOnFile(found.getFirst().id()).email();
        notifications.queue(OutgoingMessage.email(onFile == null ? email.strip() : onFile,
                messages.getMessage("recovery.mail.username.subject", args, locale),
                messages.getMessage("recovery.mail.username.body", args, locale)));
        return true;
    }

    /** @return false when this client address asked too often and must wait */
    @Transactional
    public boolean remindByPhone(PhoneNumber phone, String clientAddress, Organization page, Locale locale) {
        if (!limits.allow("reminder-address:" + clientAddress, settings.requestsPerAddressPerHour(), HOUR)) {
            return false;
        }
        List<Account> found = patients(accounts.findUsingPhone(phone.e164()));
        if (found.isEmpty() || !contactAllowed(phone.e164())) {
            return true;
        }
        // The kind on file decides, not what was typed: a landline gets a call that spells the names.
        boolean mobile = found.stream().map(a -> accounts.contactsOnFile(a.id()).phone())
                .anyMatch(p -> p != null && p.e164().equals(phone.e164()) && p.canReceiveTexts());
        if (mobile) {
            Object[] args = {page.name(), lines(found)};
            notifications.queue(OutgoingMessage.text(phone.e164(), messages.getMessage("recovery.text.username", args, locale)));
        } else {
            String spelled = found.stream().map(a -> OneTimeCodes.spelled(a.username())).collect(Collectors.joining(". "));
            Object[] args = {page.name(), spelled, page.supportPhoneDisplay()};
            notifications.queue(OutgoingMessage.call(phone.e164(), messages.getMessage("recovery.call.username", args, locale)));
        }
        return true;
    }

    private boolean contactAllowed(String contact) {
        return limits.allow("reminder-contact:" + contact.strip().toLowerCase(Locale.ROOT),
                settings.remindersPerContactPerHour(), HOUR);
    }

    private static List<Account> patients(List<Account> found) {
        return found.stream().filter(a -> !a.isStaff()).toList();
    }

    /** One line per account: the username and the sign-in page of its own portal. */
    private String lines(List<Account> found) {
        return found.stream().map(account -> {
            String path = organizations.find(account.homeOrganizationId() == null ? "" : account.homeOrganizationId())
                    .map(Organization::signInPath).orElse("/");
            return "- " + account.username() + " - " + publicBaseUrl + path;
        }).collect(Collectors.joining("\n"));
    }
}
