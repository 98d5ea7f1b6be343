package org.caregate.record.internal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.jspecify.annotations.Nullable;

/**
 * A date as the record gives it: a moment with its time (a vaccine given at 10:40), or only a day,
 * a month or a year ("high blood pressure since 2015"). A day is shown as the EHR wrote it: turned
 * into a moment it would move to the day before in a time zone west of the server's.
 *
 * @param moment set when the record gives a time
 * @param day set when it gives only a day, month or year (the first day of that month or year)
 * @param precision {@code DAYS}, {@code MONTHS} or {@code YEARS} for a day; {@code SECONDS} for a moment
 */
public record PartialDate(@Nullable Instant moment, @Nullable LocalDate day, ChronoUnit precision) {

    public PartialDate {
        if ((moment == null) == (day == null)) {
            throw new IllegalArgumentException("A moment or a day");
        }
    }

    public static @Nullable PartialDate of(@Nullable BaseDateTimeType value) {
        if (value == null || value.getValue() == null) {
            return null;
        }
        var precision = value.getPrecision() == null ? TemporalPrecisionEnum.SECOND : value.getPrecision();
        return switch (precision) {
            case YEAR -> new PartialDate(null, LocalDate.of(value.getYear(), 1, 1), ChronoUnit.YEARS);
            case MONTH -> new PartialDate(null, LocalDate.of(value.getYear(), value.getMonth() + 1, 1), ChronoUnit.MONTHS);
            case DAY -> of(LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay()));
            default -> new PartialDate(value.getValue().toInstant(), null, ChronoUnit.SECONDS);
        };
    }

    public static PartialDate of(LocalDate day) {
        return new PartialDate(null, day, ChronoUnit.DAYS);
    }
}
