package org.caregate.apps.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The approvals apps hold and their tokens, in PostgreSQL so every node knows them. A token is
 * looked up by its SHA-256, so the columns that are searched never hold a usable token. Whose
 * record an approval is for is fixed when the person approves ({@link ConsentDecision}) and kept as
 * columns too, for the Connected apps page and for disconnecting.
 */
@Repository
class Authorizations implements OAuth2AuthorizationService {

    /** Attributes of an approval: whose record, and who approved it. */
    static final String PATIENT = "caregate.patient";
    static final String ORGANIZATION = "caregate.organization";
    static final String APPROVED_BY = "caregate.approvedBy";

    private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);
    private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
    private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType("id_token");

    private final JdbcClient jdbc;
    private final Clock clock;

    Authorizations(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void save(OAuth2Authorization given) {
        OAuth2Authorization authorization = withDecision(given);
        Instant now = clock.instant();
        var code = authorization.getToken(OAuth2AuthorizationCode.class);
        var access = authorization.getToken(OAuth2AccessToken.class);
        var refresh = authorization.getToken(OAuth2RefreshToken.class);
        var idToken = authorization.getToken(OidcIdToken.class);
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        String patient = authorization.getAttribute(PATIENT);
        String approvedBy = authorization.getAttribute(APPROVED_BY);
        jdbc.sql("""
                INSERT INTO app_authorization (id, app_id, principal_name, grant_type, patient_id, organization_id,
                    approved_by, scopes, state_hash, code_hash, access_token_hash, refresh_token_hash, id_token_hash,
                    code_expires_at, access_expires_at, refresh_expires_at, created_at, updated_at, authorization_data)
                VALUES (:id, :app, :principal, :grant, :patient, :organization, :approvedBy, :scopes, :state, :code,
                    :access, :refresh, :idToken, :codeExpires, :accessExpires, :refreshExpires, :now, :now, :data)
                ON CONFLICT (id) DO UPDATE SET patient_id = EXCLUDED.patient_id, organization_id = EXCLUDED.organization_id,
                    approved_by = EXCLUDED.approved_by, scopes = EXCLUDED.scopes, state_hash = EXCLUDED.state_hash,
                    code_hash = EXCLUDED.code_hash, access_token_hash = EXCLUDED.access_token_hash,
                    refresh_token_hash = EXCLUDED.refresh_token_hash, id_token_hash = EXCLUDED.id_token_hash,
                    code_expires_at = EXCLUDED.code_expires_at, access_expires_at = EXCLUDED.access_expires_at,
                    refresh_expires_at = EXCLUDED.refresh_expires_at, updated_at = EXCLUDED.updated_at,
                    authorization_data = EXCLUDED.authorization_data
                """)
                .param("id", authorization.getId())
                .param("app", UUID.fromString(authorization.getRegisteredClientId()))
                .param("principal", authorization.getPrincipalName())
                .param("grant", authorization.getAuthorizationGrantType().getValue())
                .param("patient", patient == null ? null : UUID.fromString(patient))
                .param("organization", authorization.getAttribute(ORGANIZATION))
                .param("approvedBy", approvedBy == null ? null : UUID.fromString(approvedBy))
                .param("scopes", authorization.getAuthorizedScopes().toArray(String[]::new))
                .param("state", state == null ? null : hash(state))
                .param("code", code == null ? null : hash(code.getToken().getTokenValue()))
                .param("access", access == null ? null : hash(access.getToken().getTokenValue()))
                .param("refresh", refresh == null ? null : hash(refresh.getToken().getTokenValue()))
                .param("idToken", idToken == null ? null : hash(idToken.getToken().getTokenValue()))
                .param("codeExpires", expiry(code))
                .param("accessExpires", expiry(access))
                .param("refreshExpires", expiry(refresh))
                .param("now", Timestamp.from(now))
                .param("data", serialize(authorization))
                .update();
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        jdbc.sql("DELETE FROM app_authorization WHERE id = ?").param(authorization.getId()).update();
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return jdbc.sql("SELECT authorization_data FROM app_authorization WHERE id = ?").param(id)
                .query((rs, row) -> deserialize(rs.getBytes(1))).optional().orElse(null);
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        byte[] hash = hash(token);
        String column;
        if (tokenType == null) {
            return jdbc.sql("""
                    SELECT authorization_data FROM app_authorization
                    WHERE state_hash = :h OR code_hash = :h OR access_token_hash = :h OR refresh_token_hash = :h
                       OR id_token_hash = :h
                    """).param("h", hash).query((rs, row) -> deserialize(rs.getBytes(1))).optional().orElse(null);
        } else if (STATE.equals(tokenType)) {
            column = "state_hash";
        } else if (CODE.equals(tokenType)) {
            column = "code_hash";
        } else if (OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) {
            column = "access_token_hash";
        } else if (OAuth2TokenType.REFRESH_TOKEN.equals(tokenType)) {
            column = "refresh_token_hash";
        } else if (ID_TOKEN.equals(tokenType)) {
            column = "id_token_hash";
        } else {
            return null;
        }
        return jdbc.sql("SELECT authorization_data FROM app_authorization WHERE " + column + " = ?").param(hash)
                .query((rs, row) -> deserialize(rs.getBytes(1))).optional().orElse(null);
    }

    /** An approval as the Connected apps page lists it. */
    record Approval(String id, UUID app, @Nullable PatientId patient, @Nullable AccountId approvedBy, List<String> scopes,
            Instant createdAt, @Nullable Instant lastReadAt, @Nullable Instant accessExpiresAt,
            @Nullable Instant refreshExpiresAt) {}

    /** Every approval for a patient's record at an organisation, newest first. */
    List<Approval> ofPatient(PatientId patient, String organizationId) {
        return jdbc.sql("""
                SELECT id, app_id, patient_id, approved_by, scopes, created_at, last_read_at, access_expires_at,
                       refresh_expires_at
                FROM app_authorization WHERE patient_id = ? AND organization_id = ? AND access_token_hash IS NOT NULL
                ORDER BY created_at DESC
                """).params(patient.value(), organizationId).query((rs, row) -> new Approval(rs.getString("id"),
                        rs.getObject("app_id", UUID.class), new PatientId(rs.getObject("patient_id", UUID.class)),
                        rs.getObject("approved_by", UUID.class) == null ? null
                                : new AccountId(rs.getObject("approved_by", UUID.class)),
                        List.of((String[]) rs.getArray("scopes").getArray()), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("last_read_at")), instant(rs.getTimestamp("access_expires_at")),
                        instant(rs.getTimestamp("refresh_expires_at"))))
                .list();
    }

    /** Removes every approval of an app for a patient's record: its tokens stop working at once. */
    int disconnect(UUID app, PatientId patient, String organizationId) {
        return jdbc.sql("DELETE FROM app_authorization WHERE app_id = ? AND patient_id = ? AND organization_id = ?")
                .params(app, patient.value(), organizationId).update();
    }

    /** How many people's records an app is connected to now (approvals with a token). */
    int recordsOf(UUID app) {
        return jdbc.sql("""
                SELECT count(DISTINCT (patient_id, organization_id)) FROM app_authorization
                WHERE app_id = ? AND access_token_hash IS NOT NULL AND patient_id IS NOT NULL
                """).param(app).query(Integer.class).single();
    }

    /** Removes every approval an app holds, for everyone: its tokens stop working at once (the app is disabled). */
    int removeAllOf(UUID app) {
        return jdbc.sql("DELETE FROM app_authorization WHERE app_id = ?").param(app).update();
    }

    /**
     * Notes that the app read data now, to the minute: an app reading page after page writes the
     * approval's row once a minute, not on every call (each call is in {@code app_data_read} anyway).
     */
    void readNow(String authorization, Instant at) {
        jdbc.sql("""
                UPDATE app_authorization SET last_read_at = ?
                WHERE id = ? AND (last_read_at IS NULL OR last_read_at < ? OR last_read_at > ?)
                """).params(Timestamp.from(at), authorization, Timestamp.from(at.minusSeconds(60)), Timestamp.from(at))
                .update();
    }

    /** Removes approvals whose every token has expired a day ago or more (nothing can use them). */
    int removeExpired(Instant before) {
        return jdbc.sql("""
                DELETE FROM app_authorization
                WHERE coalesce(greatest(code_expires_at, access_expires_at, refresh_expires_at), created_at) < ?
                """).param(Timestamp.from(before)).update();
    }

    /**
     * Fixes whose record a new approval is for, when the person has just approved the app: the
     * consent decision of this request ({@link ConsentDecision}) names the patient.
     */
    private static OAuth2Authorization withDecision(OAuth2Authorization authorization) {
        if (authorization.getAttribute(PATIENT) != null
                || authorization.getToken(OAuth2AuthorizationCode.class) == null) {
            return authorization;
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null || !(request.getAttribute(ConsentDecision.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
                instanceof ConsentDecision decision)) {
            return authorization;
        }
        return OAuth2Authorization.from(authorization)
                .attribute(PATIENT, decision.patient().value().toString())
                .attribute(ORGANIZATION, decision.organizationId())
                .attribute(APPROVED_BY, decision.approvedBy().value().toString())
                .build();
    }

    private static @Nullable Timestamp expiry(OAuth2Authorization.@Nullable Token<? extends OAuth2Token> token) {
        return token == null || token.getToken().getExpiresAt() == null ? null
                : Timestamp.from(token.getToken().getExpiresAt());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(OAuth2Authorization authorization) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new IllegalStateException("An app's approval could not be kept", e);
        }
        return bytes.toByteArray();
    }

    private static OAuth2Authorization deserialize(byte[] data) {
        try (var in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return (OAuth2Authorization) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("An app's approval could not be read", e);
        }
    }

    /** Whose record an approval is for, decided on the consent page. */
    record ConsentDecision(PatientId patient, String organizationId, AccountId approvedBy) {
        static final String ATTRIBUTE = ConsentDecision.class.getName();
    }
}
