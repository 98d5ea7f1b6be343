package org.caregate.apps.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import org.caregate.apps.internal.ConnectedApps.Connection;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * A connected app in the words the Connected apps page shows: what it can see by kind of data, who
 * allowed it, when, when it last read the record, and whether it can keep reading.
 */
@Component
@ConditionalOnWebApplication
class AppWords {

    private final CareGrants grants;
    private final AccountManagement accounts;
    private final MessageSource messages;
    private final ZoneId zone;

    AppWords(CareGrants grants, AccountManagement accounts, MessageSource messages,
            @Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone) {
        this.grants = grants;
        this.accounts = accounts;
        this.messages = messages;
        this.zone = zone;
    }

    /** A moment as the page shows it ("Nov 23, 2026, 2:05 PM") and as {@code <time datetime>} holds it. */
    record When(String text, String iso) {}

    /**
     * One connected app as the page lists it.
     *
     * @param kinds message keys of {@code apps.kind.*}
     * @param lastRead {@code null}: never yet
     * @param endsAt when it stops reading, for an app that cannot keep reading
     */
    record Row(UUID app, String name, List<String> kinds, String approvedBy, When connected, @Nullable When lastRead,
            boolean keepsReading, @Nullable When endsAt) {}

    /**
     * @param patientName the name of the patient whose record it is (for a caregiver's view)
     */
    Row row(Connection connection, Viewing viewing, String patientName, Locale locale) {
        List<String> kinds = DataKind.in(connection.scopes()).stream().map(k -> "apps.kind." + k.key()).toList();
        String approvers = String.join(", ", connection.approvedBy().stream()
                .map(by -> approver(by, viewing, patientName, locale)).distinct().toList());
        return new Row(connection.app(), connection.name(), kinds, approvers, when(connection.connectedAt(), locale),
                connection.lastReadAt() == null ? null : when(connection.lastReadAt(), locale), connection.keepsReading(),
                connection.endsAt() == null ? null : when(connection.endsAt(), locale));
    }

    /**
     * Who allowed the app, as the person looking knows them: "You"; for the patient, the name they
     * gave the caregiver who did; for a caregiver, the patient's name. Another caregiver is not named
     * to a caregiver ("Someone else who helps Ana"), as the sharing page names nobody's other helpers.
     */
    private String approver(AccountId by, Viewing viewing, String patientName, Locale locale) {
        if (by.equals(viewing.actor())) {
            return message("apps.connected.byYou", locale);
        }
        if (viewing.self()) {
            return grants.ofPatient(viewing.patient(), viewing.organizationId()).stream()
                    .filter(grant -> by.equals(grant.proxy())).map(Grant::proxyName).findFirst()
                    .orElseGet(() -> message("apps.connected.bySomeoneHelpingYou", locale));
        }
        boolean patientThemselves = accounts.findByPatient(viewing.patient()).map(a -> a.id().equals(by)).orElse(false);
        return patientThemselves ? patientName : message("apps.connected.bySomeoneHelping", locale, patientName);
    }

    When when(Instant at, Locale locale) {
        return new When(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(at), at.toString());
    }

    private String message(String key, Locale locale, Object... args) {
        return Objects.requireNonNull(messages.getMessage(key, args, locale));
    }
}
