package org.caregate.session.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.Locale;
import org.caregate.session.AccountEvent;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SignInFailed;
import org.caregate.identity.SignedIn;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes each sign-in and failed try into the person's history and e-mails them when a browser
 * that never signed in to their account does.
 *
 * <p>Listens synchronously, in the sign-in request (so the e-mail speaks the language of the page
 * and nothing is lost if the node stops right after), but in a transaction of its own, and a
 * failure is logged and swallowed: recording history must never stop someone signing in.
 */
@Component
class SignInRecorder {

    private static final Logger log = LoggerFactory.getLogger(SignInRecorder.class);

    private final SignInHistory history;
    private final DeviceDescriptions devices;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Notifications notifications;
    private final MessageSource messages;
    private final SessionSettings settings;
    private final TransactionTemplate ownTransaction;
    private final String publicBaseUrl;
    private final Clock clock;

    SignInRecorder(SignInHistory history, DeviceDescriptions devices, AccountManagement accounts,
            Organizations organizations, Notifications notifications, MessageSource messages, SessionSettings settings,
            PlatformTransactionManager transactions, @Value("${caregate.public-base-url:}") String publicBaseUrl,
            Clock clock) {
        this.history = history;
        this.devices = devices;
        this.accounts = accounts;
        this.organizations = organizations;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.publicBaseUrl = publicBaseUrl;
        this.clock = clock;
    }

    @EventListener
    void signedIn(SignedIn event) {
        try {
            ownTransaction.executeWithoutResult(status -> {
                String device = devices.describe(event.userAgent());
                boolean firstEver = !history.signedInBefore(event.accountId());
                history.record(event.accountId(), event.at(), device, event.method().name(), SignInHistory.SIGNED_IN);
                if (event.newDevice()) {
                    accounts.find(event.accountId())
                            .filter(account -> !justOpened(account, firstEver, event))
                            .ifPresent(account -> tellAboutNewDevice(account, event, device));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not record a sign-in of account {}", event.accountId(), e);
        }
    }

    @EventListener
    void failed(SignInFailed event) {
        try {
            ownTransaction.executeWithoutResult(status -> history.record(event.accountId(), event.at(),
                    devices.describe(event.userAgent()), event.method().name(), event.reason().name()));
        } catch (RuntimeException e) {
            log.warn("Could not record a failed sign-in of account {}", event.accountId(), e);
        }
    }

    /** In the publisher's transaction: a factor change that rolls back leaves no line either. */
    @EventListener
    void accountEvent(AccountEvent event) {
        history.record(event.accountId(), event.at(), devices.describe(event.userAgent()), event.method(),
                event.what().name());
    }

    /**
     * The first sign-in of an account opened moments ago: the person has just proved who they are
     * to open it, and the account-opened notice went to the same address. A "new browser" e-mail
     * about the very browser they opened it in would only teach them to ignore such notices.
     */
    private boolean justOpened(Account account, boolean firstEver, SignedIn event) {
        return firstEver && account.createdAt().plus(settings.quietAfterOpening()).isAfter(event.at());
    }

    /** Says when and from what, and what to do if it was not them; never anything about their health. */
    private void tellAboutNewDevice(Account account, SignedIn event, String device) {
        if (account.email() == null) {
            return;
        }
        Locale locale = LocaleContextHolder.getLocale();
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                .format(event.at().atZone(settings.displayZone()))
                + " (" + settings.displayZone().getDisplayName(TextStyle.FULL, locale) + ")";
        String browser = DeviceDescriptions.localized(device, messages, locale);
        Organization organization = event.organizationId() == null ? null
                : organizations.find(event.organizationId()).orElse(null);
        String body = organization == null
                ? messages.getMessage("newDevice.bodyStaff", new Object[] {when, browser}, locale)
                : messages.getMessage("newDevice.body", new Object[] {when, browser,
                        publicBaseUrl + organization.signInPath(), organization.name(),
                        organization.supportPhoneDisplay()}, locale);
        notifications.queue(OutgoingMessage.email(account.email(),
                messages.getMessage("newDevice.subject", null, locale), body));
    }

    /** Keeps the history to its configured length; every node may run it, deleting is idempotent. */
    @Scheduled(cron = "0 17 3 * * *")
    void forgetOldHistory() {
        int forgotten = history.forgetBefore(clock.instant().minus(Duration.ofDays(settings.historyDays())));
        log.info("Sign-in history: {} entries older than {} days removed", forgotten, settings.historyDays());
    }
}
