package org.caregate.record.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Dates on the record pages, in the reader's language and the organisation's time zone. Templates call it as {@code @recordDates}. */
@Component("recordDates")
public class RecordDates {

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
}
