package org.caregate.identity.recovery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ContactsOnFile;
import org.caregate.identity.PasswordChanged;
import org.caregate.identity.internal.Devices;
import org.caregate.identity.password.PasswordCheck;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Forgot your password?": a code sent to the contacts on file, entered in the same browser, then a
 * new password. A code rather than a link, so that no secret ever appears in an address (browser
 * history, proxy logs, mail scanners that follow links). A request that names no account gets the
 * same answer and a decoy code that nobody receives, so nothing tells whether an account exists.
 */
@Service
public class PasswordReset {

    private static final Duration HOUR = Duration.ofHours(1);

    private final ResetCodes codes;
    private final OneTimeCodes oneTimeCodes;
    private final RequestLimits limits;
    private final Devices devices;
    private final NewPasswords newPasswords;
    private final AccountManagement accounts;
    private final Notifications notifications;
    private final MessageSource messages;
    private final RecoverySettings settings;
    private final Clock clock;

    PasswordReset(ResetCodes codes, OneTimeCodes oneTimeCodes, RequestLimits limits, Devices devices,
            NewPasswords newPasswords,
            AccountManagement accounts, Notifications notifications, MessageSource messages, RecoverySettings settings,
            Clock clock) {
        this.codes = codes;
        this.oneTimeCodes = oneTimeCodes;
        this.limits = limits;
        this.devices = devices;
        this.newPasswords = newPasswords;
        this.accounts = accounts;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
    }

    /** What became of a request for a code. */
    public enum Requested {
        /** The same answer whether or not an account was found: "if we find an account, we sent a code". */
        ANSWERED,
        /** Too many requests from this client address: wait before asking again. */
        TOO_MANY
    }

    /** What became of an entered code. */
    public sealed interface Entered {

        /** The right code: the person may now choose a new password. */
        record Accepted(UUID resetId) implements Entered {}

        /** Not the code; {@code triesLeft} more tries. */
        record Wrong(int triesLeft) implements Entered {}

        /** No code waits in this browser: expired, used, out of tries, or asked for in another browser. */
        record NoCode() implements Entered {}
    }

    /** What became of a new password. */
    public sealed interface Finished {

        record Changed(AccountId accountId) implements Finished {}

        /** The password may not be used, for the check's reasons; nothing changed. */
        record Refused(PasswordCheck check) implements Finished {}

        /** The entered code expired or was given up (e.g. the account was locked since): start again. */
        record Expired() implements Finished {}
    }

    /**
     * Sends a reset code to the contacts on file of the account(s) the person means.
     *
     * @param usernameOrEmail what they typed
     * @param sessionToken the random token kept in their browser session, which the code is bound to
     * @param deviceToken the browser's device cookie, if it has one: a browser that has signed in to
     *     the account before counts its codes apart, so strangers asking for codes cannot use up the
     *     patient's own allowance
     * @param organization the portal whose page they used, named in the message
     */
    @Transactional
    public Requested request(String usernameOrEmail, String clientAddress, String sessionToken,
            @Nullable String deviceToken, Organization organization, Locale locale) {
        if (!limits.allow("reset-address:" + clientAddress, settings.requestsPerAddressPerHour(), HOUR)) {
            return Requested.TOO_MANY;
        }
        byte[] session = OneTimeCodes.sessionHash(sessionToken);
        Instant now = clock.instant();
        boolean sent = false;
        // Staff reset their network password with the service desk, never here.
        for (Account account : accounts.findForRecovery(usernameOrEmail)) {
            if (account.isStaff() || !limits.allow("reset-account:" + account.id() + ":" + pool(account.id(), deviceToken),
                    settings.codesPerAccountPerHour(), HOUR)) {
                continue;
            }
            String code = newCode(account.id(), session, now);
            send(account, code, organization, locale);
            sent = true;
        }
        if (!sent) {
            // The same work and the same later answers as a real code: a decoy nobody receives.
            newCode(null, session, now);
        }
        return Requested.ANSWERED;
    }

    /**
     * Whose allowance a request spends: the browser's own when it has signed in to the account
     * before, else the one every other browser shares (as the sign-in throttle's device pools).
     */
    private String pool(AccountId account, @Nullable String deviceToken) {
        if (deviceToken != null) {
            byte[] hash = Devices.hash(deviceToken);
            if (devices.known(account, hash)) {
                return "device:" + Devices.hex(hash);
            }
        }
        return "elsewhere";
    }

    /** Checks a code typed in the browser session that asked for it. */
    @Transactional
    public Entered enter(String sessionToken, String typed) {
        byte[] session = OneTimeCodes.sessionHash(sessionToken);
        Instant now = clock.instant();
        List<ResetCodes.ResetCode> waiting = codes.awaiting(session, now, settings.codeTries());
        if (waiting.isEmpty()) {
            return new Entered.NoCode();
        }
        String code = OneTimeCodes.normalise(typed);
        ResetCodes.ResetCode match = null;
        for (ResetCodes.ResetCode candidate : waiting) {
            // Every candidate is compared, so the time taken says nothing about which one matched.
            if (OneTimeCodes.matches(code, candidate.salt(), candidate.hash()) && candidate.accountId() != null) {
                match = candidate;
            }
        }
        if (match != null && codes.markVerified(match.id(), now, now.plus(settings.codeLifetime()))) {
            return new Entered.Accepted(match.id());
        }
        codes.countWrongTry(waiting.stream().map(ResetCodes.ResetCode::id).toList());
        int triesLeft = settings.codeTries() - 1 - waiting.stream().mapToInt(ResetCodes.ResetCode::tries).min().orElse(0);
        return triesLeft <= 0 ? new Entered.NoCode() : new Entered.Wrong(triesLeft);
    }

    /**
     * Sets the new password after the code was entered in this session. Clears failed sign-ins and
     * publishes {@link PasswordChanged} ({@code RESET}): every session is signed out and the person
     * is told.
     */
    @Transactional
    public Finished finish(String sessionToken, UUID resetId, String newPassword) {
        Instant now = clock.instant();
        var account = codes.verified(resetId, OneTimeCodes.sessionHash(sessionToken), now).flatMap(accounts::find);
        if (account.isEmpty()) {
            return new Finished.Expired();
        }
        PasswordCheck check = newPasswords.check(newPassword, account.get());
        if (!check.acceptable()) {
            return new Finished.Refused(check);
        }
        if (!codes.markCompleted(resetId, now)) {
            return new Finished.Expired();
        }
        AccountId id = account.get().id();
        codes.retireAll(id, now, now);
        accounts.setPassword(id, newPassword, PasswordChanged.How.RESET);
        return new Finished.Changed(id);
    }

    /**
     * Gives up the account's unfinished reset codes requested up to {@code requestedUpTo}. Called
     * when a sign-in lock starts: a code asked for before the lock must not open the account
     * afterwards (a code asked for during the lock may, which is how a locked-out person gets in).
     *
     * @return how many codes were given up
     */
    @Transactional
    public int retireCodes(AccountId account, Instant requestedUpTo) {
        return codes.retireAll(account, requestedUpTo, clock.instant());
    }

    private String newCode(@Nullable AccountId account, byte[] session, Instant now) {
        String code = oneTimeCodes.resetCode();
        byte[] salt = oneTimeCodes.salt();
        codes.retireAwaiting(session, account, now);
        codes.insert(UUID.randomUUID(), account, session, salt, OneTimeCodes.hash(salt, code), now,
                now.plus(settings.codeLifetime()));
        return code;
    }

    private void send(Account account, String code, Organization organization, Locale pageLocale) {
        ContactsOnFile contacts = accounts.contactsOnFile(account.id());
        Locale locale = contacts.locale(pageLocale);
        long minutes = settings.codeLifetime().toMinutes();
        Object[] args = {organization.name(), OneTimeCodes.grouped(code), minutes, account.username(),
                organization.supportPhoneDisplay()};
        if (contacts.email() != null) {
            notifications.queue(OutgoingMessage.email(contacts.email(),
                    messages.getMessage("recovery.mail.code.subject", args, locale),
                    messages.getMessage("recovery.mail.code.body", args, locale)));
        }
        PhoneNumber mobile = contacts.mobile();
        if (mobile != null) {
            notifications.queue(OutgoingMessage.text(mobile.e164(), messages.getMessage("recovery.text.code", args, locale)));
        } else if (contacts.email() == null && contacts.phone() != null) {
            // A landline is the only way to reach them: a call reads the code out, letter by letter.
            Object[] spoken = {organization.name(), OneTimeCodes.spelled(code), minutes};
            notifications.queue(OutgoingMessage.call(contacts.phone().e164(),
                    messages.getMessage("recovery.call.code", spoken, locale)));
        }
    }
}
