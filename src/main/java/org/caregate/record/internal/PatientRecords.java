package org.caregate.record.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caregate.proxy.Viewing;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reading one patient's record for the pages and the download. Every query names the patient, so
 * a resource id of someone else's finds nothing: the caller has already decided whose record the
 * person may read, and the SQL cannot reach past it.
 */
@Repository
public class PatientRecords {

    /** Test results in the results list: blood tests and other laboratory observations, and reports without them (imaging). */
    private static final String RESULTS = """
            SELECT * FROM (
              (SELECT %1$s FROM record_resource
               WHERE patient_id = :patient AND (:showConfidential OR NOT confidential) AND resource_type = 'Observation' AND category = 'laboratory'
                 AND NOT %2$s
               ORDER BY effective_at DESC NULLS LAST, id LIMIT :end)
              UNION ALL
              (SELECT %1$s FROM record_resource
               WHERE patient_id = :patient AND (:showConfidential OR NOT confidential) AND resource_type = 'DiagnosticReport' AND category IS DISTINCT FROM 'LAB'
                 AND NOT %2$s
               ORDER BY effective_at DESC NULLS LAST, id LIMIT :end)) results
            ORDER BY effective_at DESC NULLS LAST, id LIMIT :limit OFFSET :offset
            """;

    /** Held back: the organisation holds this category for a while after it arrives. */
    private static final String HELD = """
            EXISTS (SELECT 1 FROM unnest(CAST(:heldOrganizations AS text[]), CAST(:heldCategories AS text[]),
                                         CAST(:heldUntil AS timestamptz[])) AS h(held_at, held_category, held_after)
                    WHERE h.held_at = record_resource.organization_id
                      AND lower(h.held_category) = lower(coalesce(record_resource.category, ''))
                      AND record_resource.first_stored_at > h.held_after)
            """;

    /** LOINC's "Summary of episode note": a visit's summary for the patient. */
    public static final String VISIT_SUMMARY = "34133-9";

    static final String LOINC = "http://loinc.org";

    private static final String COLUMNS = "id, resource_type, category, code, effective_at, first_stored_at, confidential, organization_id, resource::text AS json";

    /** An organisation holds back results of a category when they arrived after {@code storedAfter}. */
    public record Hold(String organizationId, String category, Instant storedAfter) {}

    /**
     * One stored resource as the pages read it.
     *
     * @param firstStoredAt when the portal first had it: "new" and result delays count from here
     */
    public record Entry(UUID id, String resourceType, @Nullable String category, @Nullable String code,
            @Nullable Instant effectiveAt, Instant firstStoredAt, boolean confidential, String organizationId,
            String json) {}

    private final JdbcClient jdbc;

    PatientRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of test results, newest first, without those an organisation still holds back. */
    public List<Entry> results(Viewing viewing, List<Hold> holds, int offset, int limit) {
        return held(jdbc.sql(RESULTS.formatted(COLUMNS, HELD)), holds)
                .param("patient", viewing.patient().value()).param("showConfidential", !viewing.hideConfidential())
                .param("end", offset + limit)
                .param("limit", limit)
                .param("offset", offset)
                .query(PatientRecords::entry).list();
    }

    /**
     * A page of one type of resource meeting a search's conditions, newest first, without those an
     * organisation still holds back. The order is the one the indexes keep, so a page with a
     * category or a code reads just that page.
     *
     * @param conditions on this table's columns, with named parameters of their own
     */
    public List<Entry> matching(Viewing viewing, List<Hold> holds, String resourceType, SearchConditions.Sql conditions,
            int offset, int limit) {
        return held(jdbc.sql("""
                SELECT %s FROM record_resource
                WHERE patient_id = :patient AND resource_type = :type AND (:showConfidential OR NOT confidential)
                  AND NOT %s AND %s
                ORDER BY effective_at DESC NULLS LAST, id LIMIT :limit OFFSET :offset
                """.formatted(COLUMNS, HELD, conditions.sql())), holds)
                .params(conditions.params())
                .param("patient", viewing.patient().value()).param("showConfidential", !viewing.hideConfidential())
                .param("type", resourceType)
                .param("limit", limit)
                .param("offset", offset)
                .query(PatientRecords::entry).list();
    }

    /** How many test results, not held back, were first stored after a time. */
    public int resultsStoredSince(Viewing viewing, List<Hold> holds, Instant since) {
        return held(jdbc.sql("""
                SELECT count(*) FROM record_resource
                WHERE patient_id = :patient AND (:showConfidential OR NOT confidential) AND first_stored_at > :since AND NOT %s
                  AND ((resource_type = 'Observation' AND category = 'laboratory')
                       OR (resource_type = 'DiagnosticReport' AND category IS DISTINCT FROM 'LAB'))
                """.formatted(HELD)), holds)
                .param("patient", viewing.patient().value()).param("showConfidential", !viewing.hideConfidential())
                .param("since", Timestamp.from(since))
                .query(Integer.class).single();
    }

    /** The parameters of {@link #HELD}. */
    private static JdbcClient.StatementSpec held(JdbcClient.StatementSpec statement, List<Hold> holds) {
        return statement
                .param("heldOrganizations", holds.stream().map(Hold::organizationId).toArray(String[]::new))
                .param("heldCategories", holds.stream().map(Hold::category).toArray(String[]::new))
                .param("heldUntil", holds.stream().map(h -> Timestamp.from(h.storedAfter())).toArray(Timestamp[]::new));
    }

    /** Whether an organisation still holds this result back. */
    public static boolean held(Entry entry, List<Hold> holds) {
        return holds.stream().anyMatch(h -> h.organizationId().equals(entry.organizationId())
                && h.category().equalsIgnoreCase(entry.category() == null ? "" : entry.category())
                && entry.firstStoredAt().isAfter(h.storedAfter()));
    }

    /** One resource of the patient's, whatever its type. */
    public Optional<Entry> find(Viewing viewing, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_resource WHERE id = ? AND patient_id = ? AND (? OR NOT confidential)")
                .params(id, viewing.patient().value(), !viewing.hideConfidential()).query(PatientRecords::entry).optional();
    }

    /** The patient's resources with these ids; ids of anyone else's are left out. */
    public List<Entry> findAll(Viewing viewing, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_resource WHERE patient_id = ? AND (? OR NOT confidential) AND id = ANY(?)")
                .params(viewing.patient().value(), !viewing.hideConfidential(), ids.toArray(UUID[]::new)).query(PatientRecords::entry).list();
    }

    /** Every resource of a type, newest first, optionally of one category. */
    public List<Entry> ofType(Viewing viewing, String resourceType, @Nullable String category, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM record_resource WHERE patient_id = ? AND (? OR NOT confidential) AND resource_type = ? AND (?::text IS NULL OR category = ?)
                ORDER BY effective_at DESC NULLS LAST, id LIMIT ?
                """).params(viewing.patient().value(), !viewing.hideConfidential(), resourceType, category, category, limit)
                .query(PatientRecords::entry).list();
    }

    /** Every result of the same test (type and code), newest first: a result's earlier values. */
    public List<Entry> sameCode(Viewing viewing, String resourceType, String code, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM record_resource WHERE patient_id = ? AND (? OR NOT confidential) AND resource_type = ? AND code = ?
                ORDER BY effective_at DESC NULLS LAST, id LIMIT ?
                """).params(viewing.patient().value(), !viewing.hideConfidential(), resourceType, code, limit)
                .query(PatientRecords::entry).list();
    }

    /** Resources of a type dated within a time span (the reports that hold a page of results). */
    public List<Entry> between(Viewing viewing, String resourceType, Instant from, Instant to) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM record_resource WHERE patient_id = ? AND (? OR NOT confidential) AND resource_type = ? AND effective_at BETWEEN ? AND ?
                """).params(viewing.patient().value(), !viewing.hideConfidential(), resourceType, Timestamp.from(from), Timestamp.from(to))
                .query(PatientRecords::entry).list();
    }

    /**
     * What was recorded at one visit (vital signs, results, its summary and notes), newest first:
     * resources whose {@code encounter} or {@code context.encounter} refers to it.
     */
    public List<Entry> ofVisit(Viewing viewing, UUID encounter, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM record_resource
                WHERE patient_id = :patient AND (:showConfidential OR NOT confidential) AND resource_type IN ('Observation', 'DiagnosticReport', 'DocumentReference')
                  AND (resource->'encounter'->>'reference' = :reference
                       OR resource->'context'->'encounter' @> jsonb_build_array(jsonb_build_object('reference', CAST(:reference AS text))))
                ORDER BY effective_at DESC NULLS LAST, id LIMIT :limit
                """).param("patient", viewing.patient().value()).param("showConfidential", !viewing.hideConfidential()).param("reference", "Encounter/" + encounter).param("limit", limit)
                .query(PatientRecords::entry).list();
    }

    /**
     * Clinical notes, newest first, without the summaries of visits: those are read on their
     * visit's page. A summary that names no visit is listed, so that nothing is out of reach.
     */
    public List<Entry> notes(Viewing viewing, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM record_resource
                WHERE patient_id = ? AND (? OR NOT confidential) AND resource_type = 'DocumentReference' AND category = 'clinical-note'
                  AND (code IS DISTINCT FROM '%s' OR code_system IS DISTINCT FROM '%s'
                       OR resource->'context'->'encounter' IS NULL)
                ORDER BY effective_at DESC NULLS LAST, id LIMIT ?
                """.formatted(VISIT_SUMMARY, LOINC)).params(viewing.patient().value(), !viewing.hideConfidential(), limit).query(PatientRecords::entry).list();
    }

    /** The whole record, by type and date, for the download. */
    public List<Entry> everything(Viewing viewing) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM record_resource WHERE patient_id = ? AND (? OR NOT confidential) ORDER BY resource_type, effective_at DESC NULLS LAST, id")
                .params(viewing.patient().value(), !viewing.hideConfidential()).query(PatientRecords::entry).list();
    }

    /** The id in a stored reference to a resource of this type ({@code Condition/<id>}); null for anything else. */
    static @Nullable UUID idIn(@Nullable String reference, String resourceType) {
        String prefix = resourceType + "/";
        if (reference == null || !reference.startsWith(prefix)) {
            return null;
        }
        try {
            return UUID.fromString(reference.substring(prefix.length()));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        Timestamp effective = rs.getTimestamp("effective_at");
        return new Entry(rs.getObject("id", UUID.class), rs.getString("resource_type"), rs.getString("category"),
                rs.getString("code"), effective == null ? null : effective.toInstant(),
                rs.getTimestamp("first_stored_at").toInstant(), rs.getBoolean("confidential"), rs.getString("organization_id"),
                rs.getString("json"));
    }
}
