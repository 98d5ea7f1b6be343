package org.caregate.mfa.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.identity.AccountId;
import org.caregate.mfa.SecondFactorAdded;
import org.caregate.mfa.SecondFactorKind;
import org.caregate.mfa.SecondFactorRemoved;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Passkeys (WebAuthn) with webauthn4j: the options a browser needs to make or use one, the checks of
 * what it sends back (challenge, origin, relying-party id, user verification, signature, signature
 * counter), and the stored public keys. Discoverable credentials only, so a person signs in without
 * typing a name; user verification (face, fingerprint or the device PIN) is always required.
 */
@Service
public class Passkeys {

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);
    /** How long the browser waits for the person, in the options it is given. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    /** ES256, EdDSA and RS256: what platform authenticators and security keys use. */
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    /** A stored passkey, for the settings page. */
    public record Passkey(UUID id, String name, Instant createdAt, @Nullable Instant lastUsedAt, boolean synced,
            boolean flagged) {}

    /** What a browser's passkey sign-in came to. */
    public sealed interface SignIn {
        /** The passkey is the account's and everything checked out. */
        record Verified(AccountId account, UUID passkey) implements SignIn {}

        /** Refused; {@code account} when the passkey is known (its owner's history then shows it). */
        record Refused(@Nullable AccountId account, String reason) implements SignIn {}

        /** The signature counter went backwards: refused, and the passkey flagged. */
        record Flagged(AccountId account, UUID passkey) implements SignIn {}
    }

    /** A passkey the browser offered could not be registered; {@code reason} is for the log, not the person. */
    public static final class NotRegistered extends Exception {
        public NotRegistered(String reason) {
            super(reason);
        }
    }

    private final JdbcClient jdbc;
    private final PasskeySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final String rpId;
    private final Set<Origin> origins;
    private final WebAuthnManager webAuthn;
    private final AttestedCredentialDataConverter credentialData;
    private final SecureRandom random = new SecureRandom();
    private final MeterRegistry meters;

    Passkeys(JdbcClient jdbc, PasskeySettings settings, ApplicationEventPublisher events, Clock clock,
            @Value("${caregate.public-base-url}") String publicBaseUrl, MeterRegistry meters) {
        this.meters = meters;
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.rpId = settings.rpId(publicBaseUrl);
        this.origins = settings.origins(publicBaseUrl).stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
        ObjectConverter converter = new ObjectConverter();
        // Attestation "none": the portal trusts the person's own device, not a device maker's certificate.
        this.webAuthn = WebAuthnManager.createNonStrictWebAuthnManager(converter);
        this.credentialData = new AttestedCredentialDataConverter(converter);
    }

    /** The relying-party id every passkey is bound to. */
    public String rpId() {
        return rpId;
    }

    /** A new random challenge, used once. */
    public byte[] newChallenge() {
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        return challenge;
    }

    /**
     * The options for {@code navigator.credentials.create}, in the WebAuthn JSON form
     * ({@code PublicKeyCredentialCreationOptionsJSON}).
     *
     * @param portalName what the device shows as the site ("Riverbend Clinic")
     * @param username what the device lists the passkey under
     */
    @Transactional
    public Map<String, Object> creationOptions(AccountId account, byte[] challenge, String portalName, String username,
            String displayName) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", rpId, "name", portalName));
        options.put("user", Map.of("id", BASE64URL.encodeToString(userHandle(account)), "name", username,
                "displayName", displayName));
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("timeout", TIMEOUT.toMillis());
        // A device that already holds one of the account's passkeys is not asked to make another.
        options.put("excludeCredentials", descriptors(account));
        options.put("authenticatorSelection", Map.of("residentKey", "required", "requireResidentKey", true,
                "userVerification", "required"));
        options.put("attestation", "none");
        options.put("extensions", Map.of("credProps", true));
        return options;
    }

    /**
     * The options for {@code navigator.credentials.get} ({@code PublicKeyCredentialRequestOptionsJSON}).
     *
     * @param account whose passkeys may answer; {@code null}: any discoverable passkey (sign-in without a name)
     */
    public Map<String, Object> requestOptions(byte[] challenge, @Nullable AccountId account) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", BASE64URL.encodeToString(challenge));
        options.put("rpId", rpId);
        options.put("timeout", TIMEOUT.toMillis());
        options.put("userVerification", "required");
        options.put("allowCredentials", account == null ? List.of() : descriptors(account));
        return options;
    }

    /**
     * Checks a new passkey against the challenge given for it and keeps it; publishes
     * {@link SecondFactorAdded} (every contact on file is told).
     *
     * @param responseJson the browser's {@code RegistrationResponseJSON}
     * @throws NotRegistered when anything does not check out; nothing is stored then
     */
    @Transactional(rollbackFor = NotRegistered.class)
    public UUID register(AccountId account, byte[] challenge, String responseJson, String name) throws NotRegistered {
        if (count(account) >= settings.perAccount()) {
            throw new NotRegistered("too many passkeys");
        }
        RegistrationData data;
        try {
            data = webAuthn.parseRegistrationResponseJSON(responseJson);
            webAuthn.verify(data, new RegistrationParameters(serverProperty(challenge), ALGORITHMS, true, true));
        } catch (VerificationException e) {
            count("not_added");
            throw new NotRegistered(e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            // Whatever the browser sent could not be read (the parser's own exceptions vary by cause).
            count("not_added");
            throw new NotRegistered("unreadable: " + e.getClass().getSimpleName());
        }
        var authenticatorData = data.getAttestationObject() == null ? null
                : data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticatorData == null ? null : authenticatorData.getAttestedCredentialData();
        if (attested == null) {
            throw new NotRegistered("no attested credential data");
        }
        byte[] credentialId = attested.getCredentialId();
        if (findByCredentialId(credentialId).isPresent()) {
            throw new NotRegistered("credential already registered");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String transports = data.getTransports() == null ? "" : data.getTransports().stream()
                .map(AuthenticatorTransport::getValue).collect(Collectors.joining(","));
        jdbc.sql("""
                INSERT INTO mfa_passkey (id, account_id, credential_id, credential_data, sign_count, backup_eligible,
                    backed_up, transports, name, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(id, account.value(), credentialId, credentialData.convert(attested),
                authenticatorData.getSignCount(), authenticatorData.isFlagBE(), authenticatorData.isFlagBS(), transports,
                name, Timestamp.from(now)).update();
        events.publishEvent(new SecondFactorAdded(account, SecondFactorKind.PASSKEY, now));
        count("added");
        return id;
    }

    /**
     * Checks a passkey sign-in against the challenge given for it.
     *
     * @param responseJson the browser's {@code AuthenticationResponseJSON}
     * @param expected the account that must own the passkey, when one was asked for; {@code null}: any
     */
    @Transactional(noRollbackFor = RuntimeException.class)
    public SignIn verify(byte[] challenge, String responseJson, @Nullable AccountId expected) {
        AuthenticationData data;
        try {
            data = webAuthn.parseAuthenticationResponseJSON(responseJson);
        } catch (RuntimeException e) {
            // Whatever the browser sent could not be read (the parser's own exceptions vary by cause).
            count("refused");
            return new SignIn.Refused(null, "unreadable");
        }
        if (data.getCredentialId() == null) {
            return new SignIn.Refused(null, "no credential id");
        }
        Optional<Stored> found = findByCredentialId(data.getCredentialId());
        if (found.isEmpty()) {
            count("unknown");
            return new SignIn.Refused(null, "unknown passkey");
        }
        Stored stored = found.get();
        if (expected != null && !expected.equals(stored.account())) {
            return new SignIn.Refused(null, "another account's passkey");
        }
        if (data.getUserHandle() == null || !MessageDigest.isEqual(data.getUserHandle(), userHandle(stored.account()))) {
            return refused(stored, "user handle does not match");
        }
        if (stored.flagged()) {
            return refused(stored, "flagged passkey");
        }
        CredentialRecordImpl record = new CredentialRecordImpl(null, true, stored.backupEligible(), stored.backedUp(),
                stored.signCount(), credentialData.convert(stored.credentialData()), null, null, null,
                stored.transports());
        try {
            webAuthn.verify(data, new AuthenticationParameters(serverProperty(challenge), record,
                    List.of(stored.credentialId()), true, true));
        } catch (MaliciousCounterValueException e) {
            flag(stored);
            count("flagged");
            return new SignIn.Flagged(stored.account(), stored.id());
        } catch (RuntimeException e) {
            // A bad signature, origin, relying-party id, user-verification flag, challenge or format.
            return refused(stored, e.getClass().getSimpleName());
        }
        AuthenticatorData<AuthenticationExtensionAuthenticatorOutput> used = data.getAuthenticatorData();
        jdbc.sql("UPDATE mfa_passkey SET sign_count = ?, backed_up = ?, last_used_at = ? WHERE id = ?")
                .params(used == null ? stored.signCount() : used.getSignCount(),
                        used == null ? stored.backedUp() : used.isFlagBS(), Timestamp.from(clock.instant()), stored.id())
                .update();
        count("verified");
        return new SignIn.Verified(stored.account(), stored.id());
    }

    /** The account's passkeys, oldest first. */
    public List<Passkey> list(AccountId account) {
        return jdbc.sql("""
                SELECT id, name, created_at, last_used_at, backup_eligible, counter_went_back_at FROM mfa_passkey
                WHERE account_id = ? ORDER BY created_at, id
                """).param(account.value())
                .query((rs, row) -> new Passkey(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getTimestamp("created_at").toInstant(),
                        Optional.ofNullable(rs.getTimestamp("last_used_at")).map(Timestamp::toInstant).orElse(null),
                        rs.getBoolean("backup_eligible"), rs.getTimestamp("counter_went_back_at") != null))
                .list();
    }

    /** The most passkeys one account may have. */
    public int limit() {
        return settings.perAccount();
    }

    public int count(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM mfa_passkey WHERE account_id = ?").param(account.value())
                .query(Integer.class).single();
    }

    /** Whether the account has a passkey that still signs in (one not flagged). */
    public boolean hasUsable(AccountId account) {
        return jdbc.sql("SELECT count(*) FROM mfa_passkey WHERE account_id = ? AND counter_went_back_at IS NULL")
                .param(account.value()).query(Integer.class).single() > 0;
    }

    /** Removes one of the account's passkeys; publishes {@link SecondFactorRemoved}. False when it has no such passkey. */
    @Transactional
    public boolean remove(AccountId account, UUID id) {
        boolean removed = jdbc.sql("DELETE FROM mfa_passkey WHERE id = ? AND account_id = ?")
                .params(id, account.value()).update() > 0;
        if (removed) {
            events.publishEvent(new SecondFactorRemoved(account, SecondFactorKind.PASSKEY, clock.instant()));
        }
        return removed;
    }

    /** Removes all of the account's passkeys (a support reset); publishes one {@link SecondFactorRemoved} if any went. */
    @Transactional
    public void removeAll(AccountId account) {
        if (jdbc.sql("DELETE FROM mfa_passkey WHERE account_id = ?").param(account.value()).update() > 0) {
            events.publishEvent(new SecondFactorRemoved(account, SecondFactorKind.PASSKEY, clock.instant()));
        }
    }

    private List<Map<String, Object>> descriptors(AccountId account) {
        return jdbc.sql("SELECT credential_id, transports FROM mfa_passkey WHERE account_id = ? ORDER BY created_at")
                .param(account.value())
                .query((rs, row) -> {
                    Map<String, Object> descriptor = new LinkedHashMap<>();
                    descriptor.put("type", "public-key");
                    descriptor.put("id", BASE64URL.encodeToString(rs.getBytes("credential_id")));
                    String transports = rs.getString("transports");
                    if (!transports.isEmpty()) {
                        descriptor.put("transports", List.of(transports.split(",")));
                    }
                    return descriptor;
                }).list();
    }

    /** The account's WebAuthn user handle, made on first use. */
    byte[] userHandle(AccountId account) {
        Optional<byte[]> existing = jdbc.sql("SELECT user_handle FROM mfa_passkey_user WHERE account_id = ?")
                .param(account.value()).query(byte[].class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        byte[] handle = new byte[32];
        random.nextBytes(handle);
        jdbc.sql("INSERT INTO mfa_passkey_user (account_id, user_handle) VALUES (?, ?) ON CONFLICT (account_id) DO NOTHING")
                .params(account.value(), handle).update();
        return jdbc.sql("SELECT user_handle FROM mfa_passkey_user WHERE account_id = ?").param(account.value())
                .query(byte[].class).single();
    }

    private ServerProperty serverProperty(byte[] challenge) {
        boolean localhost = "localhost".equals(rpId);
        return ServerProperty.builder()
                .originPredicate(origin -> origins.contains(origin)
                        // The demo and tests run on a port of localhost chosen at start.
                        || localhost && "localhost".equals(origin.getHost())
                                && ("http".equals(origin.getScheme()) || "https".equals(origin.getScheme())))
                .rpId(rpId)
                .challenge(new DefaultChallenge(challenge))
                .build();
    }

    private SignIn refused(Stored stored, String reason) {
        log.info("A passkey sign-in was refused: {} (passkey {})", reason, stored.id());
        count("refused");
        return new SignIn.Refused(stored.account(), reason);
    }

    /** Flags the passkey; {@link #verify} commits even when it refuses, so the mark stays. */
    private void flag(Stored stored) {
        jdbc.sql("UPDATE mfa_passkey SET counter_went_back_at = ? WHERE id = ? AND counter_went_back_at IS NULL")
                .params(Timestamp.from(clock.instant()), stored.id()).update();
        log.warn("A passkey's signature counter went backwards; it is flagged and signs no one in (passkey {})",
                stored.id());
    }

    /** Metric caregate.mfa.passkeys {outcome=verified|refused|unknown|flagged|added|not_added}. */
    private void count(String outcome) {
        Counter.builder("caregate.mfa.passkeys")
                .description("Passkey sign-ins and registrations, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    private Optional<Stored> findByCredentialId(byte[] credentialId) {
        return jdbc.sql("""
                SELECT id, account_id, credential_id, credential_data, sign_count, backup_eligible, backed_up, transports,
                    counter_went_back_at
                FROM mfa_passkey WHERE credential_id = ?
                """).param(credentialId)
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class),
                        new AccountId(rs.getObject("account_id", UUID.class)), rs.getBytes("credential_id"),
                        rs.getBytes("credential_data"), rs.getLong("sign_count"), rs.getBoolean("backup_eligible"),
                        rs.getBoolean("backed_up"), transports(rs.getString("transports")),
                        rs.getTimestamp("counter_went_back_at") != null))
                .optional();
    }

    private static Set<AuthenticatorTransport> transports(String stored) {
        Set<AuthenticatorTransport> transports = new TreeSet<>((a, b) -> a.getValue().compareTo(b.getValue()));
        Arrays.stream(stored.split(",")).filter(t -> !t.isEmpty()).map(AuthenticatorTransport::create)
                .forEach(transports::add);
        return transports;
    }

    private record Stored(UUID id, AccountId account, byte[] credentialId, byte[] credentialData, long signCount,
            boolean backupEligible, boolean backedUp, Set<AuthenticatorTransport> transports, boolean flagged) {}
}
