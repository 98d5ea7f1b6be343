package org.caregate.session.internal;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.SignInFailed;
import org.caregate.identity.SignedIn;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organizations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes each sign-in and failed try into the person's history and e-mails them when a browser
 * that never signed in to their account does. A failure here is logged and never stops a sign-in.
 */
@Component
class SignInRecorder {

    private static final Logger log = LoggerFactory.getLogger(SignInRecorder.class);

    private final SignInHistory history;
    private final DeviceDescriptions devices;
    private final AccountManagement accounts;
    private final Organizations organizations;
    private final Notifications notifications;
    private final SessionSettings settings;
    private final Clock clock;

    SignInRecorder(SignInHistory history, DeviceDescriptions devices, AccountManagement accounts, Organizations organizations,
            Notifications notifications, SessionSettings settings, Clock clock) {
        this.history = history;
        this.devices = devices;
        this.accounts = accounts;
        this.organizations = organizations;
        this.notifications = notifications;
        this.settings = settings;
        this.clock = clock;
    }

    @EventListener
    void signedIn(SignedIn event) {
        try {
            String device = devices.describe(event.userAgent());
            history.record(event.accountId(), event.at(), device, event.method().name(), "SIGNED_IN");
            if (event.newDevice()) {
                tellAboutNewDevice(event, device);
            }
        } catch (RuntimeException e) {
            log.warn("Could not record a sign-in of account {}", event.accountId(), e);
        }
    }

    @EventListener
    void failed(SignInFailed event) {
        try {
            history.record(event.accountId(), event.at(), devices.describe(event.userAgent()), event.method().name(),
                    event.reason().name());
        } catch (RuntimeException e) {
            log.warn("Could not record a failed sign-in of account {}", event.accountId(), e);
        }
    }

    /** Says when and from what, and what to do if it was not them; nothing about their health. */
    private void tellAboutNewDevice(SignedIn event, String device) {
        var account = accounts.find(event.accountId()).orElse(null);
        if (account == null || account.email() == null) {
            return;
        }
        String support = event.organizationId() == null ? "your service desk"
                : organizations.find(event.organizationId()).map(o -> o.name() + " support at " + o.supportPhoneDisplay())
                        .orElse("support");
        String when = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(Locale.US)
                .format(event.at().atZone(settings.displayZone()));
        notifications.queue(OutgoingMessage.email(account.email(), "New sign-in to your patient portal account", """
                Someone signed in to your patient portal account from a browser we had not seen before.

                When: %s
                Browser: %s

                If this was you, there is nothing to do.
                If it was not you, reset your password now from the sign-in page and call %s.
                """.formatted(when, device, support)));
    }

    @Scheduled(cron = "0 17 3 * * *")
    void forgetOldHistory() {
        history.forgetBefore(clock.instant().minus(java.time.Duration.ofDays(settings.historyDays())));
    }
}
