package org.caregate.record.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.caregate.record.internal.PartialDate;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Dates on the record pages, in the reader's language and the organisation's time zone. Templates call it as {@code @recordDates}. */
@Component("recordDates")
public class RecordDates {

    /** "March 2019" / "marzo de 2019": the month on its own, as each language writes it. */
    private static final Map<String, String> MONTH_YEAR = Map.of("es", "LLLL 'de' yyyy");

    private final ZoneId zone;

    RecordDates(@Value("${caregate.session.display-zone:America/Chicago}") ZoneId zone) {
        this.zone = zone;
    }

    /** "Mar 12, 2025" / "12 mar 2025". */
    public String day(@Nullable Instant when, Locale locale) {
        return when == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone).format(when);
    }

    /** "March 12, 2025". */
    public String longDay(@Nullable Instant when, Locale locale) {
        return when == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(when);
    }

    /** "Mar 12, 2025, 9:40 AM". */
    public String time(@Nullable Instant when, Locale locale) {
        return when == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(when);
    }

    /** The machine-readable form for {@code <time datetime>}. */
    public String iso(@Nullable Instant when) {
        return when == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.withZone(zone).format(when);
    }

    /** A date from the record as precise as it is: "Mar 12, 2025", "March 2019", "2015". */
    public String date(@Nullable PartialDate date, Locale locale) {
        if (date == null) {
            return "";
        }
        if (date.moment() != null) {
            return day(date.moment(), locale);
        }
        LocalDate day = Objects.requireNonNull(date.day());
        return switch (date.precision()) {
            case YEARS -> String.valueOf(day.getYear());
            case MONTHS -> DateTimeFormatter.ofPattern(MONTH_YEAR.getOrDefault(locale.getLanguage(), "LLLL yyyy"), locale)
                    .format(day);
            default -> DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
        };
    }

    /** The machine-readable form of a record's date for {@code <time datetime>}: "2025-03-12", "2019-03", "2015". */
    public String isoDate(@Nullable PartialDate date) {
        if (date == null) {
            return "";
        }
        if (date.moment() != null) {
            return iso(date.moment());
        }
        LocalDate day = Objects.requireNonNull(date.day());
        return switch (date.precision()) {
            case YEARS -> "%04d".formatted(day.getYear());
            case MONTHS -> "%04d-%02d".formatted(day.getYear(), day.getMonthValue());
            default -> day.toString();
        };
    }
}
