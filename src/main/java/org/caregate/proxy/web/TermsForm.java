package org.caregate.proxy.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.CareGrants;
import org.caregate.proxy.Grant;
import org.jspecify.annotations.Nullable;

/**
 * The "what may they see and do" part of the invite, change and staff forms, as typed: full access
 * or limited, each area "none", "read" or "act", and an optional last day. Echoed back on a refused
 * form; turned into {@link CareGrants.Terms} once it is right.
 *
 * @param scope {@code full} or {@code limited}
 * @param areas per area name: {@code none}, {@code read} or {@code act}
 * @param endsOn the last day, as a date field sends it ({@code 2027-01-31}), or empty
 */
record TermsForm(String scope, Map<String, String> areas, String endsOn) {

    TermsForm {
        areas = Map.copyOf(areas);
    }

    /** The form as the request sent it: {@code scope}, {@code area-RESULTS}…, {@code endsOn}. */
    static TermsForm from(Map<String, String> fields) {
        Map<String, String> areas = new LinkedHashMap<>();
        for (Area area : Area.values()) {
            String value = fields.getOrDefault("area-" + area.name(), "none");
            areas.put(area.name(), value == null ? "none" : value);
        }
        String scope = fields.getOrDefault("scope", "");
        String endsOn = fields.getOrDefault("endsOn", "");
        return new TermsForm(scope == null ? "" : scope, areas, endsOn == null ? "" : endsOn.strip());
    }

    /** A blank form: nothing chosen yet, so the person chooses. */
    static TermsForm blank() {
        Map<String, String> areas = new LinkedHashMap<>();
        for (Area area : Area.values()) {
            areas.put(area.name(), "none");
        }
        return new TermsForm("", areas, "");
    }

    /** The form filled with what a grant allows now, for "Change". */
    static TermsForm of(Grant grant) {
        Map<String, String> areas = new LinkedHashMap<>();
        for (Area area : Area.values()) {
            Access access = grant.full() ? null : grant.permissions().get(area);
            areas.put(area.name(), access == null ? "none" : access.name().toLowerCase(Locale.ROOT));
        }
        return new TermsForm(grant.full() ? "full" : "limited", areas,
                grant.endsOn() == null ? "" : grant.endsOn().toString());
    }

    /** What is checked for an area, for the radio buttons. */
    public String area(String area) {
        return areas.getOrDefault(area, "none");
    }

    /** A problem with the form: the message key and the field it concerns. */
    record Problem(String messageKey, String field) {}

    /** The first problem, or {@code null} when the form makes good terms; {@code today} bounds the end date. */
    @Nullable Problem problem(LocalDate today) {
        if (!scope.equals("full") && !scope.equals("limited")) {
            return new Problem("proxy.problem.scope", "scope-full");
        }
        for (String value : areas.values()) {
            if (!value.equals("none") && !value.equals("read") && !value.equals("act")) {
                return new Problem("proxy.problem.scope", "scope-full");
            }
        }
        if (scope.equals("limited") && areas.values().stream().allMatch("none"::equals)) {
            return new Problem("proxy.problem.noArea", "area-RESULTS-read");
        }
        if (!endsOn.isEmpty()) {
            LocalDate day = day();
            if (day == null) {
                return new Problem("proxy.problem.endsOnFormat", "endsOn");
            }
            if (!day.isAfter(today)) {
                return new Problem("proxy.problem.endsOnPast", "endsOn");
            }
        }
        return null;
    }

    /** The terms; only once {@link #problem} found none. */
    CareGrants.Terms terms() {
        LocalDate day = endsOn.isEmpty() ? null : day();
        if (scope.equals("full")) {
            return CareGrants.Terms.fullAccess(day);
        }
        Map<Area, Access> permissions = new EnumMap<>(Area.class);
        areas.forEach((area, value) -> {
            if (!value.equals("none")) {
                permissions.put(Area.valueOf(area), Access.valueOf(value.toUpperCase(Locale.ROOT)));
            }
        });
        return new CareGrants.Terms(false, permissions, day);
    }

    private @Nullable LocalDate day() {
        try {
            return LocalDate.parse(endsOn);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
