package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.caregate.patient.PatientId;
import org.caregate.record.RecordSearch.Comparison;
import org.caregate.record.RecordSearch.Criterion;
import org.caregate.record.RecordSearch.DateElement;
import org.caregate.record.RecordSearch.Token;
import org.jspecify.annotations.Nullable;

/**
 * A search's parameters, as HAPI parsed them, turned into the record's criteria. What this server
 * cannot honour exactly is refused (400) rather than ignored: a modifier, a chain, {@code ap}, several
 * dates in one parameter. Error texts name the parameter, never the value sent.
 */
final class SearchCriteria {

    private final List<Criterion> criteria = new ArrayList<>();
    private final List<ReferenceParam> patients = new ArrayList<>();
    private final List<String> patientIds = new ArrayList<>();

    /** {@code patient}: the patient whose resources to search. */
    SearchCriteria patient(@Nullable ReferenceAndListParam patient) {
        return references("patient", patient);
    }

    /** {@code subject}: as {@code patient}, for types whose subject is the patient. */
    SearchCriteria subject(@Nullable ReferenceAndListParam subject) {
        return references("subject", subject);
    }

    /** A Patient's {@code _id}: it names a patient, like {@code patient} does. */
    SearchCriteria patientId(@Nullable TokenAndListParam id) {
        for (TokenParam token : tokens("_id", id)) {
            patientIds.add(token.getValue() == null ? "" : token.getValue());
        }
        return this;
    }

    SearchCriteria id(@Nullable TokenAndListParam ids) {
        return each("_id", ids, values -> {
            Set<UUID> uuids = new HashSet<>();
            for (TokenParam token : values) {
                uuid(token.getValue()).ifPresent(uuids::add);
            }
            return new Criterion.Ids(uuids);
        });
    }

    SearchCriteria category(String name, @Nullable TokenAndListParam categories) {
        return each(name, categories, values -> new Criterion.Categories(tokenSet(name, values)));
    }

    SearchCriteria code(String name, @Nullable TokenAndListParam codes) {
        return each(name, codes, values -> new Criterion.Codes(tokenSet(name, values)));
    }

    SearchCriteria identifier(@Nullable TokenAndListParam identifiers) {
        return each("identifier", identifiers, values -> new Criterion.Identifiers(tokenSet("identifier", values)));
    }

    /** {@code status}, or {@code clinical-status}: codes, whatever system is named. */
    SearchCriteria status(String name, @Nullable TokenAndListParam statuses) {
        return each(name, statuses, values -> new Criterion.Statuses(codes(name, values)));
    }

    SearchCriteria intent(@Nullable TokenAndListParam intents) {
        return each("intent", intents, values -> new Criterion.Intents(codes("intent", values)));
    }

    /** A date parameter: each repetition is one more condition ({@code date=ge2024&date=lt2025}). */
    SearchCriteria date(String name, DateElement element, @Nullable DateAndListParam dates) {
        if (dates == null) {
            return this;
        }
        for (DateOrListParam or : dates.getValuesAsQueryTokens()) {
            List<DateParam> values = or.getValuesAsQueryTokens();
            if (values.size() != 1) {
                throw new InvalidRequestException("Parameter '" + name + "' takes one date at a time: repeat the "
                        + "parameter for a range instead of separating dates with commas.");
            }
            criteria.add(dated(name, element, values.getFirst()));
        }
        return this;
    }

    /** The record's criteria. */
    List<Criterion> criteria() {
        return List.copyOf(criteria);
    }

    /**
     * Checks that every patient the search names is the token's. Without one the search is of the
     * token's patient anyway.
     *
     * @throws ForbiddenOperationException (403) when the search names anyone else
     */
    void onlyFor(PatientId patient) {
        List<String> named = new ArrayList<>(patientIds);
        patients.forEach(reference -> named.add(reference.getIdPart()));
        for (String id : named) {
            if (!uuid(id).map(patient.value()::equals).orElse(false)) {
                throw otherPatient();
            }
        }
    }

    private static ForbiddenOperationException otherPatient() {
        return new ForbiddenOperationException("This token gives access to one patient's record, and this search "
                + "names another patient.");
    }

    private SearchCriteria references(String name, @Nullable ReferenceAndListParam references) {
        if (references == null) {
            return this;
        }
        for (ReferenceOrListParam or : references.getValuesAsQueryTokens()) {
            for (ReferenceParam reference : or.getValuesAsQueryTokens()) {
                if (reference.getMissing() != null || reference.hasChain()) {
                    throw new InvalidRequestException("Parameter '" + name + "' takes a patient's id or reference "
                            + "(Patient/<id>); modifiers and chains are not supported.");
                }
                if (reference.hasResourceType() && !"Patient".equals(reference.getResourceType())) {
                    throw new InvalidRequestException("Parameter '" + name + "' must refer to a Patient.");
                }
                patients.add(reference);
            }
        }
        return this;
    }

    /** One criterion per repetition of the parameter; values within one (commas) are alternatives. */
    private SearchCriteria each(String name, @Nullable TokenAndListParam and, Function<List<TokenParam>, Criterion> make) {
        if (and == null) {
            return this;
        }
        for (TokenOrListParam or : and.getValuesAsQueryTokens()) {
            List<TokenParam> values = or.getValuesAsQueryTokens();
            values.forEach(value -> plain(name, value));
            criteria.add(make.apply(values));
        }
        return this;
    }

    private static List<TokenParam> tokens(String name, @Nullable TokenAndListParam and) {
        List<TokenParam> all = new ArrayList<>();
        if (and != null) {
            and.getValuesAsQueryTokens().forEach(or -> or.getValuesAsQueryTokens().forEach(value -> all.add(plain(name, value))));
        }
        return all;
    }

    private static TokenParam plain(String name, TokenParam token) {
        if (token.getModifier() != null || token.getMissing() != null) {
            throw new InvalidRequestException("Parameter '" + name + "' does not support modifiers here.");
        }
        return token;
    }

    private static Set<Token> tokenSet(String name, List<TokenParam> values) {
        Set<Token> tokens = new HashSet<>();
        for (TokenParam value : values) {
            String system = value.getSystem();
            String code = value.getValue() == null || value.getValue().isEmpty() ? null : value.getValue();
            if (code == null && (system == null || system.isEmpty())) {
                throw new InvalidRequestException("Parameter '" + name + "' needs a code, a system, or system|code.");
            }
            tokens.add(new Token(system, code));
        }
        return tokens;
    }

    private static Set<String> codes(String name, List<TokenParam> values) {
        Set<String> codes = new HashSet<>();
        for (TokenParam value : values) {
            if (value.getValue() == null || value.getValue().isEmpty()) {
                throw new InvalidRequestException("Parameter '" + name + "' needs a code.");
            }
            codes.add(value.getValue());
        }
        return codes;
    }

    /**
     * The date as the span its precision names: a year, a month, a day, or a moment to the minute,
     * second or millisecond. A date without a time zone is read in the server's (the JVM's) zone, the
     * one the import stored such dates in.
     */
    private static Criterion.Dated dated(String name, DateElement element, DateParam date) {
        if (date.getMissing() != null || date.getValue() == null || date.getPrecision() == null) {
            throw new InvalidRequestException("Parameter '" + name + "' needs a date: 2024, 2024-03, 2024-03-05 or "
                    + "2024-03-05T10:00:00Z.");
        }
        Instant start = date.getValue().toInstant();
        ZonedDateTime local = start.atZone(ZoneId.systemDefault());
        Instant end = switch (date.getPrecision()) {
            case YEAR -> local.plusYears(1).toInstant();
            case MONTH -> local.plusMonths(1).toInstant();
            case DAY -> local.plusDays(1).toInstant();
            case MINUTE -> start.plus(Duration.ofMinutes(1));
            case SECOND -> start.plusSeconds(1);
            case MILLI -> start.plusMillis(1);
        };
        return new Criterion.Dated(element, comparison(name, date.getPrefix()), start, end);
    }

    private static Comparison comparison(String name, @Nullable ParamPrefixEnum prefix) {
        if (prefix == null) {
            return Comparison.EQ;
        }
        return switch (prefix) {
            case EQUAL -> Comparison.EQ;
            case NOT_EQUAL -> Comparison.NE;
            case LESSTHAN -> Comparison.LT;
            case LESSTHAN_OR_EQUALS -> Comparison.LE;
            case GREATERTHAN -> Comparison.GT;
            case GREATERTHAN_OR_EQUALS -> Comparison.GE;
            case STARTS_AFTER -> Comparison.SA;
            case ENDS_BEFORE -> Comparison.EB;
            case APPROXIMATE -> throw new InvalidRequestException("Parameter '" + name + "' does not support the "
                    + "prefix ap; use ge and le.");
        };
    }

    /** Whether the patient has one of these identifiers ({@code system|value}, {@code value}, {@code system|}). */
    static boolean anyIdentifierOf(org.hl7.fhir.r4.model.Patient patient, TokenOrListParam anyOf) {
        for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
            plain("identifier", token);
            for (var identifier : patient.getIdentifier()) {
                boolean system = token.getSystem() == null || token.getSystem().equals(identifier.getSystem());
                boolean value = token.getValue() == null || token.getValue().isEmpty()
                        || token.getValue().equals(identifier.getValue());
                if (system && value) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The id as the portal's ids are: a UUID; anything else is nobody's. */
    static java.util.Optional<UUID> uuid(@Nullable String id) {
        if (id == null || id.length() != 36) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
