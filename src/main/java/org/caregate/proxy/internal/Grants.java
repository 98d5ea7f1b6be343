package org.caregate.proxy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.Grant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored grants, their permissions, their history of changes and what each caregiver did. */
@Repository
public class Grants {

    private static final String COLUMNS = """
            r.id, r.patient_id, r.organization_id, r.proxy_account_id, r.basis, r.relationship, r.proxy_name,
            r.full_access, r.ends_on, r.invite_email, r.invite_expires_at, r.granted_by, r.granted_at, r.accepted_at,
            r.revoked_at,
            (SELECT coalesce(string_agg(p.area || ':' || p.access, ','), '') FROM proxy_permission p
              WHERE p.relationship_id = r.id) AS permissions
            """;

    private final JdbcClient jdbc;

    Grants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Grant> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM proxy_relationship r WHERE r.id = ?").param(id)
                .query(Grants::grant).optional();
    }

    /** The accepted, unrevoked grants a caregiver holds at an organisation (end dates and ages not yet applied). */
    public List<Grant> heldBy(AccountId proxy, String organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM proxy_relationship r
                WHERE r.proxy_account_id = ? AND r.organization_id = ? AND r.accepted_at IS NOT NULL
                  AND r.revoked_at IS NULL
                ORDER BY r.granted_at, r.id
                """).params(proxy.value(), organizationId).query(Grants::grant).list();
    }

    /** Every grant of a patient's at an organisation, current or not, newest first. */
    public List<Grant> ofPatient(PatientId patient, String organizationId) {
        return jdbc.sql("SELECT " + COLUMNS + """
                 FROM proxy_relationship r WHERE r.patient_id = ? AND r.organization_id = ?
                ORDER BY r.granted_at DESC, r.id
                """).params(patient.value(), organizationId).query(Grants::grant).list();
    }

    /** The invitation a code belongs to, by the code's hash. */
    public Optional<Grant> byInviteCode(byte[] codeHash) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM proxy_relationship r WHERE r.invite_code_hash = ?")
                .param(codeHash).query(Grants::grant).optional();
    }

    /** Stores a new grant with its permissions and a "granted" change. */
    public void insert(Grant grant, byte @Nullable [] inviteCodeHash) {
        jdbc.sql("""
                INSERT INTO proxy_relationship (id, patient_id, organization_id, proxy_account_id, basis, relationship,
                    proxy_name, full_access, ends_on, invite_email, invite_code_hash, invite_expires_at, granted_by,
                    granted_at, accepted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(grant.id(), grant.patient().value(), grant.organizationId(),
                        grant.proxy() == null ? null : grant.proxy().value(), grant.basis().name(), grant.relationship(),
                        grant.proxyName(), grant.full(), grant.endsOn(), grant.inviteEmail(), inviteCodeHash,
                        timestamp(grant.inviteExpiresAt()), grant.grantedBy().value(), Timestamp.from(grant.grantedAt()),
                        timestamp(grant.acceptedAt()))
                .update();
        writePermissions(grant.id(), grant.permissions());
        change(grant.id(), "GRANTED", grant.grantedBy(), grant.grantedAt());
    }

    /** Binds an invitation to the account that accepted it; false when it was already used or revoked. */
    public boolean accept(UUID id, AccountId proxy, Instant at) {
        boolean accepted = jdbc.sql("""
                UPDATE proxy_relationship SET proxy_account_id = ?, accepted_at = ?, invite_code_hash = NULL
                 WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL
                """).params(proxy.value(), Timestamp.from(at), id).update() == 1;
        if (accepted) {
            change(id, "ACCEPTED", proxy, at);
        }
        return accepted;
    }

    /** Replaces what a grant allows and until when. */
    public void changePermissions(UUID id, boolean full, Map<Area, Access> permissions, @Nullable LocalDate endsOn,
            AccountId by, Instant at) {
        jdbc.sql("UPDATE proxy_relationship SET full_access = ?, ends_on = ? WHERE id = ? AND revoked_at IS NULL")
                .params(full, endsOn, id).update();
        jdbc.sql("DELETE FROM proxy_permission WHERE relationship_id = ?").param(id).update();
        writePermissions(id, full ? Map.of() : permissions);
        change(id, "CHANGED", by, at);
    }

    /** Ends a grant now; false when it had already ended. */
    public boolean revoke(UUID id, AccountId by, Instant at) {
        boolean revoked = jdbc.sql("""
                UPDATE proxy_relationship SET revoked_at = ?, revoked_by = ?, invite_code_hash = NULL
                 WHERE id = ? AND revoked_at IS NULL
                """).params(Timestamp.from(at), by.value(), id).update() == 1;
        if (revoked) {
            change(id, "REVOKED", by, at);
        }
        return revoked;
    }

    /** Records that a caregiver used a grant: an area, with what access, and what (a page or action). */
    public void recordActivity(UUID id, Area area, Access access, String what, Instant at) {
        jdbc.sql("INSERT INTO proxy_activity (relationship_id, area, access, what, at) VALUES (?, ?, ?, ?, ?)")
                .params(id, area.name(), access.name(), what, Timestamp.from(at)).update();
    }

    /** One thing a caregiver did. */
    public record Activity(UUID relationship, Area area, Access access, String what, Instant at) {}

    /** What caregivers did with a patient's grants, newest first. */
    public List<Activity> activity(List<UUID> grants, int limit) {
        if (grants.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT relationship_id, area, access, what, at FROM proxy_activity
                 WHERE relationship_id = ANY(?) ORDER BY at DESC, id DESC LIMIT ?
                """).params(grants.toArray(UUID[]::new), limit)
                .query((rs, n) -> new Activity(rs.getObject("relationship_id", UUID.class), Area.valueOf(rs.getString("area")),
                        Access.valueOf(rs.getString("access")), rs.getString("what"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    private void writePermissions(UUID id, Map<Area, Access> permissions) {
        permissions.forEach((area, access) -> jdbc.sql(
                "INSERT INTO proxy_permission (relationship_id, area, access) VALUES (?, ?, ?)")
                .params(id, area.name(), access.name()).update());
    }

    private void change(UUID id, String change, AccountId by, Instant at) {
        jdbc.sql("INSERT INTO proxy_change (relationship_id, change, by_account, at) VALUES (?, ?, ?, ?)")
                .params(id, change, by.value(), Timestamp.from(at)).update();
    }

    private static @Nullable Timestamp timestamp(@Nullable Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Grant grant(ResultSet rs, int row) throws SQLException {
        Map<Area, Access> permissions = new EnumMap<>(Area.class);
        for (String pair : rs.getString("permissions").split(",")) {
            if (!pair.isEmpty()) {
                String[] parts = pair.split(":");
                permissions.put(Area.valueOf(parts[0]), Access.valueOf(parts[1]));
            }
        }
        UUID proxy = rs.getObject("proxy_account_id", UUID.class);
        java.sql.Date endsOn = rs.getDate("ends_on");
        return new Grant(rs.getObject("id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
                rs.getString("organization_id"), proxy == null ? null : new AccountId(proxy),
                Basis.valueOf(rs.getString("basis")), rs.getString("relationship"), rs.getString("proxy_name"),
                rs.getBoolean("full_access"), permissions, endsOn == null ? null : endsOn.toLocalDate(),
                rs.getString("invite_email"), instant(rs, "invite_expires_at"),
                new AccountId(rs.getObject("granted_by", UUID.class)), rs.getTimestamp("granted_at").toInstant(),
                instant(rs, "accepted_at"), instant(rs, "revoked_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
