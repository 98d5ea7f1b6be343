package org.caregate.record.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caregate.patient.PatientId;
import org.caregate.record.ImportResult.Outcome;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored resources: one row per resource with its search columns and its current JSON, and
 * every version in {@code record_resource_version}. Writes happen inside the caller's transaction.
 */
@Repository
public class RecordStore {

    /** A resource to keep: its JSON has no id or meta yet; the store gives both. */
    record Incoming(String resourceType, PatientId patient, String organizationId, String identifierSystem,
            String identifierValue, SearchColumns columns, String json) {}

    /** A stored version. */
    public record Stored(UUID id, String resourceType, int version, Instant lastUpdated, String json) {}

    /** What a write did. */
    record Written(UUID id, int version, Outcome outcome) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    RecordStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The id an incoming resource will have: its row's, when one with the same identifier is stored. */
    Optional<UUID> idOf(String resourceType, String identifierSystem, String identifierValue) {
        return jdbc.sql("""
                SELECT id FROM record_resource WHERE resource_type = ? AND identifier_system = ? AND identifier_value = ?
                """).params(resourceType, identifierSystem, identifierValue).query(UUID.class).optional();
    }

    /**
     * Inserts the resource, or updates the stored one with the same identifier when its content
     * changed (a new version); the same content again changes nothing.
     *
     * @param id the id to give a new resource (the references in its bundle already point at it)
     * @param withMeta makes the JSON to store from the id, version and time
     */
    Written write(UUID id, Incoming incoming, MetaWriter withMeta) {
        byte[] hash = sha256(incoming.json());
        var existing = jdbc.sql("""
                SELECT id, version, content_hash FROM record_resource
                WHERE resource_type = ? AND identifier_system = ? AND identifier_value = ? FOR UPDATE
                """).params(incoming.resourceType(), incoming.identifierSystem(), incoming.identifierValue())
                .query((rs, row) -> new Existing(rs.getObject("id", UUID.class), rs.getInt("version"),
                        rs.getBytes("content_hash")))
                .optional();
        if (existing.isPresent() && MessageDigest.isEqual(existing.get().hash(), hash)) {
            return new Written(existing.get().id(), existing.get().version(), Outcome.UNCHANGED);
        }
        Instant now = clock.instant();
        UUID rowId = existing.map(Existing::id).orElse(id);
        int version = existing.map(e -> e.version() + 1).orElse(1);
        String json = withMeta.json(rowId, version, Date.from(now));
        SearchColumns c = incoming.columns();
        if (existing.isPresent()) {
            jdbc.sql("""
                    UPDATE record_resource SET patient_id = ?, organization_id = ?, category = ?, code_system = ?, code = ?,
                        effective_at = ?, status = ?, confidential = ?, version = ?, last_updated = ?, content_hash = ?,
                        resource = ?::jsonb
                    WHERE id = ?
                    """).params(incoming.patient().value(), incoming.organizationId(), c.category(), codeSystem(c),
                    codeValue(c), timestamp(c.effectiveAt()), c.status(), c.confidential(), version, Timestamp.from(now),
                    hash, json, rowId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO record_resource (id, resource_type, patient_id, organization_id, identifier_system,
                        identifier_value, category, code_system, code, effective_at, status, confidential, version,
                        last_updated, first_stored_at, content_hash, resource)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    """).params(rowId, incoming.resourceType(), incoming.patient().value(), incoming.organizationId(),
                    incoming.identifierSystem(), incoming.identifierValue(), c.category(), codeSystem(c), codeValue(c),
                    timestamp(c.effectiveAt()), c.status(), c.confidential(), version, Timestamp.from(now),
                    Timestamp.from(now), hash, json)
                    .update();
        }
        jdbc.sql("INSERT INTO record_resource_version (id, version, changed_at, resource) VALUES (?, ?, ?, ?::jsonb)")
                .params(rowId, version, Timestamp.from(now), json).update();
        return new Written(rowId, version, existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED);
    }

    /** The current version of a resource. */
    public Optional<Stored> find(UUID id) {
        return jdbc.sql("SELECT id, resource_type, version, last_updated, resource::text AS json FROM record_resource WHERE id = ?")
                .param(id).query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("resource_type"),
                        rs.getInt("version"), rs.getTimestamp("last_updated").toInstant(), rs.getString("json")))
                .optional();
    }

    /** Every version of a resource, oldest first. */
    public List<Stored> history(UUID id) {
        return jdbc.sql("""
                SELECT v.id, r.resource_type, v.version, v.changed_at, v.resource::text AS json
                FROM record_resource_version v JOIN record_resource r ON r.id = v.id
                WHERE v.id = ? ORDER BY v.version
                """).param(id).query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("resource_type"),
                        rs.getInt("version"), rs.getTimestamp("changed_at").toInstant(), rs.getString("json")))
                .list();
    }

    /** How many resources of the patient are stored, by any type. */
    public long count(PatientId patient) {
        return jdbc.sql("SELECT count(*) FROM record_resource WHERE patient_id = ?").param(patient.value())
                .query(Long.class).single();
    }

    /** Gives the JSON to store its id, version and time. */
    @FunctionalInterface
    interface MetaWriter {
        String json(UUID id, int version, Date lastUpdated);
    }

    private record Existing(UUID id, int version, byte[] hash) {}

    private static @Nullable String codeSystem(SearchColumns columns) {
        return columns.code() == null ? null : columns.code().getSystem();
    }

    private static @Nullable String codeValue(SearchColumns columns) {
        return columns.code() == null ? null : columns.code().getCode();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static byte[] sha256(String json) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
