package org.caregate.identity.settings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ContactsOnFile;
import org.caregate.identity.recovery.OneTimeCodes;
import org.caregate.identity.recovery.RequestLimits;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A new e-mail address or phone number is used only once the person proved it reaches them: a
 * 6-digit code goes to it (an e-mail, a text to a mobile, a call to a landline) and must be typed
 * back in the same browser session. The old address or number is then told of the change.
 */
@Service
class ContactChanges {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ContactConfirmations confirmations;
    private final OneTimeCodes codes;
    private final RequestLimits limits;
    private final AccountManagement accounts;
    private final AccountNotices notices;
    private final Notifications notifications;
    private final MessageSource messages;
    private final AccountSettings settings;
    private final Clock clock;

    ContactChanges(ContactConfirmations confirmations, OneTimeCodes codes, RequestLimits limits,
            AccountManagement accounts, AccountNotices notices, Notifications notifications, MessageSource messages,
            AccountSettings settings, Clock clock) {
        this.confirmations = confirmations;
        this.codes = codes;
        this.limits = limits;
        this.accounts = accounts;
        this.notices = notices;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    sealed interface Confirmed {
        record Changed() implements Confirmed {}

        record Wrong(int triesLeft) implements Confirmed {}

        /** Nothing waits: expired, out of tries, or asked for in another browser. */
        record NoCode() implements Confirmed {}
    }

    /** Sends a code to a new e-mail address; false when the account asked for too many codes lately. */
    @Transactional
    public boolean startEmail(AccountId account, String sessionToken, String email, Organization organization,
            Locale locale) {
        if (!allowed(account)) {
            return false;
        }
        String code = pending(account, sessionToken, ContactConfirmations.Kind.EMAIL, email, null);
        Object[] args = {organization.name(), code, settings.confirmationCodeLifetime().toMinutes()};
        notifications.queue(OutgoingMessage.email(email, messages.getMessage("account.mail.confirm.subject", args, locale),
                messages.getMessage("account.mail.confirm.body", args, locale)));
        return true;
    }

    /** Sends a code to a new phone: a text to a mobile, a call to a landline. */
    @Transactional
    public boolean startPhone(AccountId account, String sessionToken, PhoneNumber phone, Organization organization,
            Locale locale) {
        if (!allowed(account)) {
            return false;
        }
        String code = pending(account, sessionToken, ContactConfirmations.Kind.PHONE, phone.e164(), phone);
        long minutes = settings.confirmationCodeLifetime().toMinutes();
        if (phone.canReceiveTexts()) {
            notifications.queue(OutgoingMessage.text(phone.e164(),
                    messages.getMessage("account.text.confirm", new Object[] {organization.name(), code, minutes}, locale)));
        } else {
            notifications.queue(OutgoingMessage.call(phone.e164(), messages.getMessage("account.call.confirm",
                    new Object[] {organization.name(), OneTimeCodes.spelled(code)}, locale)));
        }
        return true;
    }

    /** Checks the code; when right, the new e-mail address is the account's and the old one is told. */
    @Transactional
    public Confirmed confirmEmail(AccountId account, String sessionToken, String typed, Locale locale) {
        return confirm(account, sessionToken, ContactConfirmations.Kind.EMAIL, typed, locale);
    }

    @Transactional
    public Confirmed confirmPhone(AccountId account, String sessionToken, String typed, Locale locale) {
        return confirm(account, sessionToken, ContactConfirmations.Kind.PHONE, typed, locale);
    }

    /** Whether a code for a new contact waits in this session (the confirm page shows only then). */
    boolean waiting(AccountId account, String sessionToken, ContactConfirmations.Kind kind) {
        return confirmations.waiting(account, OneTimeCodes.sessionHash(sessionToken), kind, clock.instant(),
                settings.confirmationCodeTries()).isPresent();
    }

    private Confirmed confirm(AccountId account, String sessionToken, ContactConfirmations.Kind kind, String typed,
            Locale locale) {
        Instant now = clock.instant();
        var waiting = confirmations.waiting(account, OneTimeCodes.sessionHash(sessionToken), kind, now,
                settings.confirmationCodeTries());
        if (waiting.isEmpty()) {
            return new Confirmed.NoCode();
        }
        ContactConfirmations.Pending pending = waiting.get();
        if (!OneTimeCodes.matches(OneTimeCodes.normalise(typed), pending.salt(), pending.hash())) {
            confirmations.countWrongTry(pending.id());
            int left = settings.confirmationCodeTries() - pending.tries() - 1;
            return left <= 0 ? new Confirmed.NoCode() : new Confirmed.Wrong(left);
        }
        if (!confirmations.confirm(pending.id(), now)) {
            return new Confirmed.NoCode();
        }
        ContactsOnFile before = accounts.contactsOnFile(account);
        if (kind == ContactConfirmations.Kind.EMAIL) {
            accounts.changeEmail(account, pending.newValue());
            if (before.email() != null && !before.email().equalsIgnoreCase(pending.newValue())) {
                notices.emailChanged(before, locale);
            }
        } else {
            accounts.changePhone(account, new PhoneNumber(pending.newValue(), pending.phoneKind()));
            if (before.phone() != null && !before.phone().e164().equals(pending.newValue())) {
                notices.phoneChanged(before, locale);
            }
        }
        return new Confirmed.Changed();
    }

    private boolean allowed(AccountId account) {
        return limits.allow("contact-code:" + account, settings.confirmationCodesPerHour(), HOUR);
    }

    private String pending(AccountId account, String sessionToken, ContactConfirmations.Kind kind, String value,
            @Nullable PhoneNumber phone) {
        String code = codes.confirmationCode();
        byte[] salt = codes.salt();
        Instant now = clock.instant();
        confirmations.replace(account, OneTimeCodes.sessionHash(sessionToken), kind, value,
                phone == null ? null : phone.kind(), salt, OneTimeCodes.hash(salt, code), now,
                now.plus(settings.confirmationCodeLifetime()));
        return code;
    }
}
