package org.caregate.identity.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.Normalizer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountKind;
import org.caregate.identity.StaffRole;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The account table. Password hashes never leave this class except for checking. */
@Repository
public class Accounts {

    private static final String COLUMNS = """
            id, kind, username, email, phone, home_organization_id, patient_id, staff_roles,
            password_changed_at, created_at""";

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How names and addresses are compared: NFKC, trimmed, lower case. */
    public static String key(String identifier) {
        return Normalizer.normalize(identifier.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    public void insert(Account account, String passwordHash, @Nullable String phoneKind) {
        jdbc.sql("""
                INSERT INTO account (id, kind, username, username_key, email, email_key, phone, phone_kind,
                                     home_organization_id, patient_id, staff_roles, password_hash,
                                     password_changed_at, created_at)
                VALUES (:id, :kind, :username, :usernameKey, :email, :emailKey, :phone, :phoneKind,
                        :home, :patient, :roles::text[], :hash, :changed, :created)""")
                .param("id", account.id().value())
                .param("kind", account.kind().name())
                .param("username", account.username())
                .param("usernameKey", key(account.username()))
                .param("email", account.email())
                .param("emailKey", account.email() == null ? null : key(account.email()))
                .param("phone", account.phone())
                .param("phoneKind", phoneKind)
                .param("home", account.homeOrganizationId())
                .param("patient", account.patientId() == null ? null : account.patientId().value())
                .param("roles", "{" + String.join(",", account.roles().stream().map(Enum::name).sorted().toList()) + "}")
                .param("hash", passwordHash)
                .param("changed", Timestamp.from(account.passwordChangedAt()))
                .param("created", Timestamp.from(account.createdAt()))
                .update();
    }

    public Optional<Account> find(AccountId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = ?").param(id.value())
                .query(Accounts::account).optional();
    }

    public Optional<Account> findByPatient(PatientId patient) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE patient_id = ?").param(patient.value())
                .query(Accounts::account).optional();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("SELECT count(*) FROM account WHERE username_key = ?").param(key(username))
                .query(Long.class).single() > 0;
    }

    /**
     * The account a sign-in identifier names: a username, or else an e-mail address that exactly one
     * account uses (family members may share one; they sign in with their usernames).
     */
    public Optional<StoredCredentials> findForSignIn(String identifier) {
        String key = key(identifier);
        List<StoredCredentials> byName = jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM account WHERE username_key = ?")
                .param(key).query(Accounts::credentials).list();
        if (!byName.isEmpty()) {
            return Optional.of(byName.getFirst());
        }
        List<StoredCredentials> byEmail = jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM account WHERE email_key = ? LIMIT 2")
                .param(key).query(Accounts::credentials).list();
        return byEmail.size() == 1 ? Optional.of(byEmail.getFirst()) : Optional.empty();
    }

    public List<Account> findByEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE email_key = ? ORDER BY created_at")
                .param(key(email)).query(Accounts::account).list();
    }

    public void updatePasswordHash(AccountId id, String hash) {
        jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?").params(hash, id.value()).update();
    }

    public void changePassword(AccountId id, String hash, Instant at) {
        jdbc.sql("UPDATE account SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(hash, Timestamp.from(at), id.value()).update();
    }

    /** An account with its stored hash, for checking a password. */
    public record StoredCredentials(Account account, String passwordHash) {

        @Override
        public String toString() {
            return "StoredCredentials[" + account.id() + "]";
        }
    }

    private static StoredCredentials credentials(ResultSet rs, int row) throws SQLException {
        return new StoredCredentials(account(rs, row), rs.getString("password_hash"));
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        UUID patient = rs.getObject("patient_id", UUID.class);
        return new Account(
                new AccountId(rs.getObject("id", UUID.class)),
                AccountKind.valueOf(rs.getString("kind")),
                rs.getString("username"),
                rs.getString("email"),
                rs.getString("phone"),
                rs.getString("home_organization_id"),
                patient == null ? null : new PatientId(patient),
                roles(rs.getArray("staff_roles")),
                rs.getTimestamp("password_changed_at").toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Set<StaffRole> roles(Array array) throws SQLException {
        Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
        for (String role : (String[]) array.getArray()) {
            roles.add(StaffRole.valueOf(role));
        }
        return roles;
    }
}
