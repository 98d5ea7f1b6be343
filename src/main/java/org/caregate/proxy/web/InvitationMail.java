package org.caregate.proxy.web;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.ZoneId;
import java.util.Locale;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.proxy.CareGrants;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The e-mail to someone a patient invited. It names the organisation but not the patient, holds no
 * health data, and carries the code in its text only: the link is the plain invitation page, where
 * the person types the code, so no secret ever sits in an address. We do not know the invitee's
 * language, so the e-mail is in the patient's language with the other one (English or Spanish)
 * below it.
 */
@Component
@ConditionalOnWebApplication
class InvitationMail {

    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale SPANISH = Locale.forLanguageTag("es");

    private final Notifications notifications;
    private final MessageSource messages;
    private final ZoneId zone;
    private final String publicBaseUrl;

    InvitationMail(Notifications notifications, MessageSource messages,
            @Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone,
            @Value("${caregate.public-base-url:}") String publicBaseUrl) {
        this.notifications = notifications;
        this.messages = messages;
        this.zone = zone;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** Queues the e-mail, in the caller's transaction: sent if and only if the invitation is stored. */
    void send(CareGrants.Invitation invitation, Organization organization, Locale patientsLocale) {
        Locale first = "es".equals(patientsLocale.getLanguage()) ? SPANISH : ENGLISH;
        Locale second = first == SPANISH ? ENGLISH : SPANISH;
        String body = body(invitation, organization, first) + "\n\n----------\n\n" + body(invitation, organization, second);
        notifications.queue(OutgoingMessage.email(invitation.grant().inviteEmail(),
                messages.getMessage("proxy.mail.invite.subject", new Object[] {organization.name()}, first), body));
    }

    /** The code as people read it: ABCD-EFGH-JKLM. */
    static String grouped(String code) {
        return String.join("-", code.substring(0, 4), code.substring(4, 8), code.substring(8));
    }

    private String body(CareGrants.Invitation invitation, Organization organization, Locale locale) {
        var grant = invitation.grant();
        String until = grant.inviteExpiresAt() == null ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone)
                        .format(grant.inviteExpiresAt());
        Object[] args = {grant.proxyName(), organization.name(), publicBaseUrl + "/" + organization.id() + "/invitation",
                grouped(invitation.code()), CareGrants.INVITATION_LIFETIME.toDays(), until,
                organization.supportPhoneDisplay()};
        return messages.getMessage("proxy.mail.invite.body", args, locale);
    }
}
