package org.caregate.record.internal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;

/** The PDF's headings and dates in the reader's language; dates of the day in the organisation's time zone. */
final class PdfWords {

    private final MessageSource messages;
    private final Locale locale;
    private final ZoneId zone;

    PdfWords(MessageSource messages, Locale locale, ZoneId zone) {
        this.messages = messages;
        this.locale = locale;
        this.zone = zone;
    }

    String get(String key, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The message for a FHIR code, or the code's own display when there is none. */
    String code(String prefix, @Nullable String code, String otherwise) {
        return code == null ? otherwise : messages.getMessage(prefix + code, null, otherwise, locale);
    }

    String day(LocalDate day) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(day);
    }

    String time(Instant when) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(when);
    }

    /** A FHIR date as precise as it was sent: a day stays that day, whatever the time zone. */
    String when(@Nullable Type value) {
        BaseDateTimeType date = switch (value) {
            case BaseDateTimeType d -> d;
            case Period p -> p.getStartElement();
            case null, default -> null;
        };
        if (date == null || date.getValue() == null) {
            return "";
        }
        TemporalPrecisionEnum precision = date.getPrecision();
        if (precision == TemporalPrecisionEnum.YEAR) {
            return String.valueOf(date.getYear());
        }
        if (precision == TemporalPrecisionEnum.MONTH) {
            return DateTimeFormatter.ofPattern("MMM yyyy", locale)
                    .format(LocalDate.of(date.getYear(), date.getMonth() + 1, 1));
        }
        if (precision == TemporalPrecisionEnum.DAY) {
            return day(LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay()));
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone)
                .format(date.getValue().toInstant());
    }
}
