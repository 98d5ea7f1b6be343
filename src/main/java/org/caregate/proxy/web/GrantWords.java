package org.caregate.proxy.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.caregate.proxy.GrantStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Grants and what caregivers did, in the words the sharing and staff pages show: status, what each
 * allows, end date, and "Looked at test results — Nov 23, 2026, 2:05 PM" for a stored request pattern.
 */
@Component
@ConditionalOnWebApplication
class GrantWords {

    /** How many of the caregivers' actions the patient's page lists. */
    static final int ACTIVITY_SHOWN = 50;

    private final CareGrants grants;
    private final PatientRegistry registry;
    private final MessageSource messages;
    private final ZoneId zone;

    GrantWords(CareGrants grants, PatientRegistry registry, MessageSource messages,
            @Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone) {
        this.grants = grants;
        this.registry = registry;
        this.messages = messages;
        this.zone = zone;
    }

    /** One area a grant covers, with what it allows there (message keys). */
    record Allowed(String areaKey, String accessKey) {}

    /**
     * A grant as a page lists it.
     *
     * @param patientName the patient's name, for the caregiver's and staff's lists
     * @param mayChange the patient may change it (an invitation of theirs, not ended)
     * @param mayRemove the patient may remove it or cancel the invitation
     */
    record Row(UUID id, String name, String relationshipKey, Basis basis, GrantStatus status, String statusKey,
            boolean full, List<Allowed> allows, @Nullable String endsOn, @Nullable String inviteEmail, String patientName,
            boolean mayChange, boolean mayRemove) {

        public boolean pending() {
            return status == GrantStatus.INVITED;
        }

        public boolean staffRecorded() {
            return basis.recordedByStaff();
        }

        public boolean inUse() {
            return status.inUse();
        }
    }

    /** One thing a caregiver did, as the patient reads it. */
    record Done(String who, String what, String when, String iso) {}

    Row row(Grant grant, Locale locale) {
        GrantStatus status = grants.status(grant);
        List<Allowed> allows = new ArrayList<>();
        for (Area area : Area.values()) {
            Access access = grant.access(area);
            if (access != null && !grant.full()) {
                allows.add(new Allowed("proxy.area." + area.name(), "proxy.access." + access.name()));
            }
        }
        boolean invited = grant.basis() == Basis.INVITED;
        boolean open = status == GrantStatus.INVITED || status.inUse();
        String patientName = registry.find(grant.patient()).map(p -> p.givenNames() + " " + p.familyName()).orElse("");
        return new Row(grant.id(), grant.proxyName(), relationshipKey(grant.relationship()), grant.basis(), status,
                "proxy.status." + status.name(), grant.full(), allows, day(grant.endsOn(), locale), grant.inviteEmail(),
                patientName, invited && open, invited && open);
    }

    List<Row> rows(List<Grant> list, Locale locale) {
        return list.stream().map(g -> row(g, locale)).toList();
    }

    /** The message key of a relationship as stored ("spouse", "parent_of_minor"…). */
    static String relationshipKey(String relationship) {
        return "proxy.relationship." + relationship.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What the caregivers of these grants did, newest first. */
    List<Done> activity(List<Grant> of, Locale locale) {
        Map<UUID, Grant> byId = of.stream().collect(Collectors.toMap(Grant::id, Function.identity()));
        return grants.activity(List.copyOf(byId.keySet()), ACTIVITY_SHOWN).stream()
                .map(a -> new Done(byId.get(a.grant()).proxyName(), what(a.what(), a.area(), a.access(), locale),
                        time(a.at(), locale), a.at().toString()))
                .toList();
    }

    /**
     * A stored request pattern ("GET /{organizationId:…}/results/{id}") in words: the page's own
     * message when there is one ({@code proxy.activity.results.item}), else the area and access.
     */
    String what(String pattern, Area area, Access access, Locale locale) {
        String[] parts = pattern.split(" ", 2);
        String path = parts.length == 2 ? parts[1] : parts[0];
        path = path.replaceFirst("^/\\{organizationId[^}]*}", "").replace("{id}", "item");
        String key = "proxy.activity" + path.replace('/', '.');
        String fallback = messages.getMessage("proxy.activity." + access.name(),
                new Object[] {messages.getMessage("proxy.area." + area.name(), null, locale)}, locale);
        return messages.getMessage(key, null, fallback, locale);
    }

    /** "Nov 23, 2026, 2:05 PM" in the portal's time zone. */
    String time(Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(at);
    }

    static @Nullable String day(@Nullable LocalDate day, Locale locale) {
        return day == null ? null : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).format(day);
    }

    /** "Ana Q.": given names and the family initial, for an invitee who has not accepted yet. */
    static String shortName(Patient patient) {
        String family = patient.familyName().strip();
        return patient.givenNames() + (family.isEmpty() ? "" : " " + family.codePoints().limit(1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".");
    }
}
