package org.caregate.record.internal;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.caregate.record.RecordSearch.Criterion;
import org.caregate.record.RecordSearch.DateElement;
import org.caregate.record.RecordSearch.Token;

/**
 * FHIR search criteria as SQL on the record's search columns ({@link SearchColumns}), with named
 * parameters {@code c0, c1…} so that no value is ever part of the SQL text. Categories, codes and
 * dates compare the indexed columns, so a search by patient and category or code reads the index in
 * page order; a system named beside a category is checked in the stored JSON.
 */
final class SearchConditions {

    /** A condition and its parameters. */
    record Sql(String sql, Map<String, Object> params) {}

    /** Where each type keeps its categories, for checking a category's system. */
    private static final Map<String, String> CATEGORY_IN_JSON = Map.of(
            "Observation", "resource->'category' @> jsonb_build_array(%s)",
            "DiagnosticReport", "resource->'category' @> jsonb_build_array(%s)",
            "Condition", "resource->'category' @> jsonb_build_array(%s)",
            "DocumentReference", "resource->'category' @> jsonb_build_array(%s)",
            "MedicationRequest", "resource->'category' @> jsonb_build_array(%s)",
            "Procedure", "resource->'category' @> %s");

    private static final String ALLERGY_CATEGORY_SYSTEM = "http://hl7.org/fhir/allergy-intolerance-category";

    private final String resourceType;
    private final List<String> where = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    private SearchConditions(String resourceType) {
        this.resourceType = resourceType;
    }

    /** All criteria together, and the caller's area rule ({@link RecordAreas#sql}). */
    static Sql of(String resourceType, List<Criterion> criteria, String areas) {
        var conditions = new SearchConditions(resourceType);
        conditions.where.add(areas);
        criteria.forEach(conditions::add);
        return new Sql("(" + String.join(") AND (", conditions.where) + ")", Map.copyOf(conditions.params));
    }

    private void add(Criterion criterion) {
        switch (criterion) {
            case Criterion.Ids ids -> where.add("id = ANY(CAST(:" + param(ids.anyOf().toArray(UUID[]::new)) + " AS uuid[]))");
            case Criterion.Statuses statuses -> where.add("status = ANY(CAST(:" + param(texts(statuses.anyOf())) + " AS text[]))");
            case Criterion.Intents intents ->
                    where.add("resource->>'intent' = ANY(CAST(:" + param(texts(intents.anyOf())) + " AS text[]))");
            case Criterion.Codes codes -> where.add(anyOf(codes.anyOf().stream().map(t -> token(t, "code_system", "code")).toList()));
            case Criterion.Identifiers identifiers -> where.add(anyOf(identifiers.anyOf().stream()
                    .map(t -> token(t, "identifier_system", "identifier_value")).toList()));
            case Criterion.Categories categories -> where.add(anyOf(categories.anyOf().stream().map(this::category).toList()));
            case Criterion.Dated dated -> where.add(dated(dated));
        }
    }

    /** A token on a system column and a code column: {@code system|code}, {@code code}, {@code |code}, {@code system|}. */
    private String token(Token token, String systemColumn, String codeColumn) {
        List<String> parts = new ArrayList<>();
        if (token.code() != null) {
            parts.add(codeColumn + " = :" + param(token.code()));
        }
        if (token.system() != null) {
            parts.add(token.system().isEmpty() ? systemColumn + " IS NULL" : systemColumn + " = :" + param(token.system()));
        }
        return String.join(" AND ", parts);
    }

    /** The category column holds the first category's code; its system, when asked for, is checked in the JSON. */
    private String category(Token token) {
        List<String> parts = new ArrayList<>();
        if (token.code() != null) {
            parts.add("category = :" + param(token.code()));
        }
        if (token.system() != null) {
            parts.add(categorySystem(token));
        }
        return String.join(" AND ", parts);
    }

    private String categorySystem(Token token) {
        String system = token.system();
        if (resourceType.equals("Encounter")) {
            return system.isEmpty() ? "resource->'class'->'system' IS NULL"
                    : "resource->'class'->>'system' = :" + param(system);
        }
        if (resourceType.equals("AllergyIntolerance")) {
            // Its categories are plain codes of one system.
            return system.equals(ALLERGY_CATEGORY_SYSTEM) ? "true" : "false";
        }
        String template = CATEGORY_IN_JSON.get(resourceType);
        if (template == null || system.isEmpty()) {
            return "false";
        }
        String coding = token.code() == null
                ? "jsonb_build_object('system', CAST(:" + param(system) + " AS text))"
                : "jsonb_build_object('system', CAST(:" + param(system) + " AS text), 'code', CAST(:" + param(token.code())
                        + " AS text))";
        return template.formatted("jsonb_build_object('coding', jsonb_build_array(" + coding + "))");
    }

    /**
     * A date against the span {@code [start, end)} a search named, by FHIR's prefixes for a date that
     * is one moment: {@code lt} before the span, {@code le} before its end, {@code gt} from its end on,
     * {@code ge} from its start on, {@code sa} and {@code eb} as {@code gt} and {@code lt}.
     */
    private String dated(Criterion.Dated dated) {
        String column = dated.element() == DateElement.LAST_UPDATED ? "last_updated" : "effective_at";
        String start = ":" + param(Timestamp.from(dated.start()));
        String end = ":" + param(Timestamp.from(dated.end()));
        String comparison = switch (dated.comparison()) {
            case EQ -> column + " >= " + start + " AND " + column + " < " + end;
            case NE -> "(" + column + " < " + start + " OR " + column + " >= " + end + ")";
            case LT, EB -> column + " < " + start;
            case LE -> column + " < " + end;
            case GT, SA -> column + " >= " + end;
            case GE -> column + " >= " + start;
        };
        if (dated.element() == DateElement.CLINICAL && resourceType.equals("Condition")) {
            // A Condition's date column falls back to its recorded date; onset-date asks for the onset only.
            comparison += " AND (resource->'onsetDateTime' IS NOT NULL OR resource->'onsetPeriod' IS NOT NULL)";
        }
        return comparison;
    }

    private static String anyOf(List<String> alternatives) {
        return alternatives.isEmpty() ? "false" : "(" + String.join(") OR (", alternatives) + ")";
    }

    private static String[] texts(java.util.Set<String> values) {
        return values.toArray(String[]::new);
    }

    private String param(Object value) {
        String name = "c" + params.size();
        params.put(name, value);
        return name;
    }
}
