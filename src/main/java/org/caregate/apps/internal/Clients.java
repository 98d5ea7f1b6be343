package org.caregate.apps.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Repository;

/**
 * The registered apps, as the authorisation server sees them. Every app that reads patient data
 * uses the authorisation code with PKCE (S256) and asks the person each time; its access tokens are
 * opaque references, so disconnecting an app stops them at once. Backend clients (the EHR's import
 * client) use client credentials with a JWT signed by their own key ({@code private_key_jwt},
 * checked by {@link ClientAssertions}), get 5-minute tokens, no refresh token and only
 * {@code system/*} scopes.
 */
@Repository
public class Clients implements RegisteredClientRepository {

    /** What kind of app. */
    public enum Kind { PUBLIC, CONFIDENTIAL, BACKEND }

    /** A registered app as stored. */
    public record App(UUID id, String clientId, String name, Kind kind, @Nullable String secretHash,
            List<String> redirectUris, List<String> scopes, @Nullable String jwksUrl, @Nullable String jwks,
            Instant createdAt, @Nullable Instant disabledAt) {

        public App {
            redirectUris = List.copyOf(redirectUris);
            scopes = List.copyOf(scopes);
        }
    }

    private final JdbcClient jdbc;
    private final AppSettings settings;

    Clients(JdbcClient jdbc, AppSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @Override
    public void save(RegisteredClient registeredClient) {
        throw new UnsupportedOperationException("Apps are registered by administrators on the staff pages");
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return jdbc.sql("SELECT * FROM app_client WHERE id = ? AND disabled_at IS NULL").param(uuid)
                .query(Clients::app).optional().map(this::registered).orElse(null);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        return find(clientId).filter(app -> app.disabledAt() == null).map(this::registered).orElse(null);
    }

    /** An app by its client id, disabled or not. */
    public Optional<App> find(String clientId) {
        return jdbc.sql("SELECT * FROM app_client WHERE client_id = ?").param(clientId).query(Clients::app).optional();
    }

    /** An app by its id, disabled or not. */
    public Optional<App> find(UUID id) {
        return jdbc.sql("SELECT * FROM app_client WHERE id = ?").param(id).query(Clients::app).optional();
    }

    /** Every registered app, by name. */
    public List<App> all() {
        return jdbc.sql("SELECT * FROM app_client ORDER BY lower(name), client_id").query(Clients::app).list();
    }

    /** Registers an app. */
    public void add(App app, @Nullable UUID createdBy) {
        jdbc.sql("""
                INSERT INTO app_client (id, client_id, name, kind, secret_hash, redirect_uris, scopes, jwks_url, jwks,
                    created_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(app.id(), app.clientId(), app.name(), app.kind().name(), app.secretHash(),
                app.redirectUris().toArray(String[]::new), app.scopes().toArray(String[]::new), app.jwksUrl(),
                app.jwks(), Timestamp.from(app.createdAt()), createdBy).update();
    }

    /** Stops an app from signing anyone in or getting tokens; its approvals are removed by the caller. */
    public void disable(UUID id, Instant at) {
        jdbc.sql("UPDATE app_client SET disabled_at = ? WHERE id = ? AND disabled_at IS NULL")
                .params(Timestamp.from(at), id).update();
    }

    RegisteredClient registered(App app) {
        RegisteredClient.Builder builder = RegisteredClient.withId(app.id().toString())
                .clientId(app.clientId())
                .clientName(app.name())
                .clientIdIssuedAt(app.createdAt())
                .scopes(scopes -> scopes.addAll(app.scopes()));
        TokenSettings.Builder tokens = TokenSettings.builder()
                .accessTokenFormat(OAuth2TokenFormat.REFERENCE)
                .accessTokenTimeToLive(settings.accessTokenLifetime())
                .authorizationCodeTimeToLive(settings.codeLifetime())
                .refreshTokenTimeToLive(settings.refreshTokenLifetime())
                .reuseRefreshTokens(false)
                .idTokenSignatureAlgorithm(SignatureAlgorithm.RS256);
        switch (app.kind()) {
            case PUBLIC -> builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUris(uris -> uris.addAll(app.redirectUris()))
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build());
            case CONFIDENTIAL -> builder.clientSecret(app.secretHash())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                    .redirectUris(uris -> uris.addAll(app.redirectUris()))
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build());
            case BACKEND -> {
                // The authorisation server takes one algorithm per app and reads it only to call this
                // private_key_jwt; ClientAssertions accepts RS384 and ES384 alike.
                ClientSettings.Builder client = ClientSettings.builder()
                        .tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS384);
                if (app.jwksUrl() != null) {
                    client.jwkSetUrl(app.jwksUrl());
                }
                if (app.jwks() != null) {
                    client.setting(ClientAssertions.PASTED_JWKS, app.jwks());
                }
                builder.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        // A system client acts for no person: it gets system scopes only, never a patient's.
                        .scopes(scopes -> scopes.removeIf(scope -> !scope.startsWith("system/")))
                        .clientSettings(client.build());
                tokens.accessTokenTimeToLive(Duration.ofMinutes(5));
            }
        }
        return builder.tokenSettings(tokens.build()).build();
    }

    private static App app(ResultSet rs, int row) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new App(rs.getObject("id", UUID.class), rs.getString("client_id"), rs.getString("name"),
                Kind.valueOf(rs.getString("kind")), rs.getString("secret_hash"),
                Arrays.asList((String[]) rs.getArray("redirect_uris").getArray()),
                Arrays.asList((String[]) rs.getArray("scopes").getArray()), rs.getString("jwks_url"),
                rs.getString("jwks"), rs.getTimestamp("created_at").toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
