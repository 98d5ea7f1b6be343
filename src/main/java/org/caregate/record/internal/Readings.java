package org.caregate.record.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;

/**
 * How a patient reads a FHIR value: the words for a code, a measured value with its unit, the
 * normal range, and whether the result is outside it. Plain text only; pages and the PDF escape it.
 */
public final class Readings {

    /** Whether a result is outside its normal range, as the lab flagged it or as its range says. */
    public enum Flag {
        NONE, HIGH, LOW, ABNORMAL
    }

    private static final Set<String> HIGH = Set.of("H", "HH", "HU", ">");
    private static final Set<String> LOW = Set.of("L", "LL", "LU", "<");
    private static final Set<String> ABNORMAL = Set.of("A", "AA", "POS", "R", "DET");

    /** UCUM codes that EHRs often send as the unit's text, as people write them (vital signs mostly). */
    private static final Map<String, String> PRINTED_UNITS = Map.of("Cel", "°C", "[degF]", "°F", "mm[Hg]", "mmHg",
            "kg/m2", "kg/m²", "[lb_av]", "lb", "[in_i]", "in", "10*3/uL", "×10³/µL", "10*6/uL", "×10⁶/µL",
            "10*9/L", "×10⁹/L");

    private Readings() {}

    /** The concept's own text, else the first coding's display, else its code. */
    public static String words(@Nullable CodeableConcept concept) {
        if (concept == null) {
            return "";
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
                .orElse(concept.getCoding().stream().map(Coding::getCode).filter(c -> c != null).findFirst().orElse(""));
    }

    public static String words(List<CodeableConcept> concepts) {
        return concepts.stream().map(Readings::words).filter(w -> !w.isBlank()).collect(Collectors.joining(", "));
    }

    /** The value as a patient would write it: "7.2", "128/82", "Negative". The unit is apart. */
    public static String value(Observation observation) {
        if (observation.hasValue()) {
            return value(observation.getValue());
        }
        // Blood pressure and other panels carry their numbers in components: "128/82".
        List<String> parts = observation.getComponent().stream().filter(c -> c.hasValue())
                .map(c -> value(c.getValue())).toList();
        return String.join("/", parts);
    }

    public static String unit(Observation observation) {
        Type value = observation.hasValue() ? observation.getValue()
                : observation.getComponent().stream().filter(c -> c.hasValueQuantity()).map(c -> (Type) c.getValue())
                        .findFirst().orElse(null);
        return value instanceof Quantity q ? unit(q) : "";
    }

    /** The numeric value, for a trend; null when the result is not a number. */
    public static @Nullable BigDecimal number(Observation observation) {
        return observation.hasValueQuantity() && observation.getValueQuantity().hasValue()
                ? observation.getValueQuantity().getValue()
                : null;
    }

    /** "4.0 – 5.6", "under 100", "over 40", or the range's text; empty when there is none. */
    public static String range(Observation observation) {
        if (!observation.hasReferenceRange()) {
            return "";
        }
        var range = observation.getReferenceRangeFirstRep();
        if (range.hasText()) {
            return range.getText();
        }
        String low = range.hasLow() && range.getLow().hasValue() ? plain(range.getLow().getValue()) : null;
        String high = range.hasHigh() && range.getHigh().hasValue() ? plain(range.getHigh().getValue()) : null;
        if (low != null && high != null) {
            return low + " – " + high;
        }
        if (high != null) {
            return "≤ " + high;
        }
        return low == null ? "" : "≥ " + low;
    }

    /** The lab's own flag first; without one, the value against the range. */
    public static Flag flag(Observation observation) {
        for (CodeableConcept interpretation : observation.getInterpretation()) {
            for (Coding coding : interpretation.getCoding()) {
                String code = coding.getCode() == null ? "" : coding.getCode().toUpperCase(java.util.Locale.ROOT);
                if (HIGH.contains(code)) {
                    return Flag.HIGH;
                }
                if (LOW.contains(code)) {
                    return Flag.LOW;
                }
                if (ABNORMAL.contains(code)) {
                    return Flag.ABNORMAL;
                }
            }
        }
        BigDecimal value = number(observation);
        if (value == null || !observation.hasReferenceRange()) {
            return Flag.NONE;
        }
        var range = observation.getReferenceRangeFirstRep();
        if (range.hasHigh() && range.getHigh().hasValue() && value.compareTo(range.getHigh().getValue()) > 0) {
            return Flag.HIGH;
        }
        if (range.hasLow() && range.getLow().hasValue() && value.compareTo(range.getLow().getValue()) < 0) {
            return Flag.LOW;
        }
        return Flag.NONE;
    }

    /** The text of an attachment sent inline as plain text; empty for anything else (a PDF, a link). */
    public static String text(Attachment attachment) {
        if (!attachment.hasData()) {
            return "";
        }
        String type = attachment.getContentType() == null ? "" : attachment.getContentType().toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("text/plain") ? new String(attachment.getData(), StandardCharsets.UTF_8) : "";
    }

    private static String value(Type value) {
        return switch (value) {
            case Quantity q when q.hasValue() -> (q.hasComparator() ? q.getComparator().toCode() + " " : "") + plain(q.getValue());
            case CodeableConcept c -> words(c);
            case org.hl7.fhir.r4.model.StringType s -> s.getValue();
            case org.hl7.fhir.r4.model.BooleanType b -> Boolean.TRUE.equals(b.getValue()) ? "yes" : "no";
            case org.hl7.fhir.r4.model.IntegerType i -> String.valueOf(i.getValue());
            default -> value.primitiveValue() == null ? "" : value.primitiveValue();
        };
    }

    private static String unit(Quantity quantity) {
        String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.hasCode() ? quantity.getCode() : "";
        return PRINTED_UNITS.getOrDefault(unit, unit);
    }

    private static String plain(BigDecimal number) {
        return number.toPlainString();
    }
}
