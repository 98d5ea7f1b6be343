package org.caregate.apps.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caregate.apps.AppDisabled;
import org.caregate.apps.AppRegistered;
import org.caregate.apps.SmartScopes;
import org.caregate.identity.AccountId;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registering and disabling apps, as administrators do on the staff page: what a registration must
 * hold for its kind, the client id (random) and, for a server app, its secret (random, shown once,
 * kept only as a bcrypt hash). Disabling an app removes every approval it holds, so its tokens stop
 * at once. Each registration and disabling is published for the audit trail and logged in one line,
 * never with a secret or a key.
 */
@Service
public class Registrations {

    /** What a backend service may do: write and change records (the EHR's record import, SMART Backend Services). */
    public static final List<String> BACKEND_SCOPES = List.of("system/*.write", "system/*.cud");

    /** The problem of a pasted key set that holds a private key (the page does not show it back). */
    public static final String PRIVATE_KEYS = "apps.staff.problem.keys.private";

    static final int MAX_NAME = 100;
    static final int MAX_REDIRECTS = 10;
    static final int MAX_ADDRESS = 2000;
    static final int MAX_KEY_SET = 50_000;

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1");

    private final Clients clients;
    private final Authorizations authorizations;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    // bcrypt by default, as the authorisation server's own encoder expects ("{bcrypt}…").
    private final PasswordEncoder secrets = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    Registrations(Clients clients, Authorizations authorizations, ApplicationEventPublisher events, Clock clock) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.events = events;
        this.clock = clock;
    }

    /**
     * An app as an administrator described it, as typed.
     *
     * @param kind {@code null} when none was chosen
     * @param redirectUris one address per line
     * @param jwksUrl for a backend service: where its public keys are
     * @param jwks for a backend service: its public keys, a JWK Set
     */
    public record Request(String name, Clients.@Nullable Kind kind, String redirectUris, String jwksUrl, String jwks) {}

    /** What is wrong with one field: a message key of {@code apps.staff.problem.*} and what it names. */
    public record Problem(String key, List<String> args) {

        public Problem {
            args = List.copyOf(args);
        }

        static Problem of(String key, String... args) {
            return new Problem(key, List.of(args));
        }
    }

    /** A registration was refused; nothing was stored. */
    public static final class Refused extends RuntimeException {
        private final transient Map<String, Problem> problems;

        Refused(Map<String, Problem> problems) {
            super("The registration was refused", null, false, false);
            this.problems = Map.copyOf(problems);
        }

        public Map<String, Problem> problems() {
            return problems;
        }
    }

    /**
     * A registered app.
     *
     * @param secret a server app's secret, to show once; {@code null} for other kinds
     */
    public record Registered(Clients.App app, @Nullable String secret) {

        @Override
        public String toString() {
            return "Registered[" + app.clientId() + "]";
        }
    }

    /** The problems with a request, by field ({@code name}, {@code kind}, {@code redirectUris}, {@code jwksUrl}, {@code jwks}), in that order. */
    public Map<String, Problem> problems(Request request) {
        Map<String, Problem> problems = new LinkedHashMap<>();
        String name = request.name().strip();
        if (name.isEmpty()) {
            problems.put("name", Problem.of("apps.staff.problem.name"));
        } else if (name.length() > MAX_NAME) {
            problems.put("name", Problem.of("apps.staff.problem.nameLong", String.valueOf(MAX_NAME)));
        }
        if (request.kind() == null) {
            problems.put("kind", Problem.of("apps.staff.problem.kind"));
            return problems;
        }
        List<String> redirects = lines(request.redirectUris());
        String jwksUrl = request.jwksUrl().strip();
        String jwks = request.jwks().strip();
        if (request.kind() == Clients.Kind.BACKEND) {
            if (!redirects.isEmpty()) {
                problems.put("redirectUris", Problem.of("apps.staff.problem.redirect.backend"));
            }
            Problem keys = keysProblem(jwksUrl, jwks);
            if (keys != null) {
                problems.put(jwksUrl.isEmpty() && !jwks.isEmpty() ? "jwks" : "jwksUrl", keys);
            }
            return problems;
        }
        Problem redirect = redirectProblem(redirects);
        if (redirect != null) {
            problems.put("redirectUris", redirect);
        }
        if (!jwksUrl.isEmpty()) {
            problems.put("jwksUrl", Problem.of("apps.staff.problem.keys.notBackend"));
        }
        if (!jwks.isEmpty()) {
            problems.put("jwks", Problem.of("apps.staff.problem.keys.notBackend"));
        }
        return problems;
    }

    /**
     * Registers an app with a new random client id.
     *
     * @param by the administrator
     * @throws Refused with every problem, when the request has any (nothing is stored)
     */
    @Transactional
    public Registered register(Request request, AccountId by) {
        return register(newClientId(), request, by);
    }

    /**
     * Registers an app under a client id chosen elsewhere (the demo's), unless one exists with it.
     *
     * @param by {@code null} when the portal itself registers it
     * @return empty when an app with this client id exists already
     * @throws Refused with every problem, when the request has any
     */
    @Transactional
    public Optional<Registered> registerOnce(String clientId, Request request, @Nullable AccountId by) {
        if (clients.find(clientId).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(register(clientId, request, by));
    }

    private Registered register(String clientId, Request request, @Nullable AccountId by) {
        Map<String, Problem> problems = problems(request);
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        Clients.Kind kind = java.util.Objects.requireNonNull(request.kind());
        String secret = kind == Clients.Kind.CONFIDENTIAL ? newSecret() : null;
        String jwksUrl = request.jwksUrl().strip();
        String jwks = request.jwks().strip();
        Instant now = clock.instant();
        Clients.App app = new Clients.App(UUID.randomUUID(), clientId, request.name().strip(), kind,
                secret == null ? null : secrets.encode(secret),
                kind == Clients.Kind.BACKEND ? List.of() : lines(request.redirectUris()),
                kind == Clients.Kind.BACKEND ? BACKEND_SCOPES : List.copyOf(SmartScopes.patientReadScopes()),
                kind == Clients.Kind.BACKEND && !jwksUrl.isEmpty() ? jwksUrl : null,
                kind == Clients.Kind.BACKEND && !jwks.isEmpty() ? publicKeys(jwks) : null, now, null);
        clients.add(app, by == null ? null : by.value());
        events.publishEvent(new AppRegistered(app.id(), clientId, app.name(), kind.name(), by, now));
        log.info("App registered by {}: client id {}, kind {}, id {}", by == null ? "the portal" : "staff account " + by,
                clientId, kind, app.id());
        return new Registered(app, secret);
    }

    /**
     * Disables an app and removes every approval it holds: its tokens stop working at once, and
     * nobody can connect it again.
     *
     * @return how many approvals ended; empty when there is no such app in use
     */
    @Transactional
    public Optional<Integer> disable(UUID app, AccountId by) {
        Optional<Clients.App> found = clients.find(app).filter(a -> a.disabledAt() == null);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        clients.disable(app, now);
        int removed = authorizations.removeAllOf(app);
        events.publishEvent(new AppDisabled(app, found.get().clientId(), by, removed, now));
        log.info("App disabled by staff account {}: client id {}, id {}, approvals removed {}", by,
                found.get().clientId(), app, removed);
        return Optional.of(removed);
    }

    /** How many records an app is connected to now: what disabling it would end. */
    public int connectedRecords(UUID app) {
        return authorizations.recordsOf(app);
    }

    /** The non-empty lines of a text, trimmed, each once. */
    static List<String> lines(String text) {
        Set<String> lines = new LinkedHashSet<>();
        for (String line : text.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        return List.copyOf(lines);
    }

    /**
     * Redirect addresses are matched character for character. Each must be absolute and use https,
     * except on the person's own computer (http://localhost, http://127.0.0.1), where an app listens
     * for the answer; no fragment, no user name, nothing that is not one address.
     */
    static @Nullable Problem redirectProblem(List<String> redirects) {
        if (redirects.isEmpty()) {
            return Problem.of("apps.staff.problem.redirect.missing");
        }
        if (redirects.size() > MAX_REDIRECTS) {
            return Problem.of("apps.staff.problem.redirect.tooMany", String.valueOf(MAX_REDIRECTS));
        }
        for (String redirect : redirects) {
            URI uri = address(redirect);
            if (uri == null) {
                return Problem.of("apps.staff.problem.redirect.notAddress", redirect);
            }
            if (uri.getRawFragment() != null || redirect.contains("#")) {
                return Problem.of("apps.staff.problem.redirect.fragment", redirect);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            boolean loopback = LOOPBACK.contains(uri.getHost().toLowerCase(Locale.ROOT));
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                return Problem.of("apps.staff.problem.redirect.https", redirect);
            }
        }
        return null;
    }

    /** A backend service's keys: an https address, or a pasted JWK Set of public keys; one of the two. */
    static @Nullable Problem keysProblem(String jwksUrl, String jwks) {
        if (jwksUrl.isEmpty() && jwks.isEmpty()) {
            return Problem.of("apps.staff.problem.keys.missing");
        }
        if (!jwksUrl.isEmpty() && !jwks.isEmpty()) {
            return Problem.of("apps.staff.problem.keys.both");
        }
        if (!jwksUrl.isEmpty()) {
            URI uri = address(jwksUrl);
            if (uri == null || uri.getRawFragment() != null || !uri.getScheme().equalsIgnoreCase("https")) {
                return Problem.of("apps.staff.problem.keys.url", jwksUrl);
            }
            return null;
        }
        if (jwks.length() > MAX_KEY_SET) {
            return Problem.of("apps.staff.problem.keys.unreadable");
        }
        JWKSet set;
        try {
            set = JWKSet.parse(jwks);
        } catch (ParseException | RuntimeException e) {
            return Problem.of("apps.staff.problem.keys.unreadable");
        }
        if (set.getKeys().isEmpty()) {
            return Problem.of("apps.staff.problem.keys.empty");
        }
        // A private (or shared secret) key pasted here has left the app's hands: refuse it, and say to make new ones.
        if (set.getKeys().stream().anyMatch(JWK::isPrivate)) {
            return Problem.of(PRIVATE_KEYS);
        }
        return null;
    }

    /** The key set as stored: re-written by the parser, public parts only. */
    private static String publicKeys(String jwks) {
        try {
            return JWKSet.parse(jwks).toPublicJWKSet().toString();
        } catch (ParseException e) {
            throw new IllegalStateException("A key set checked a moment ago could not be read", e);
        }
    }

    /** An absolute address with a host and no user name, or {@code null}; its scheme is the caller's check. */
    private static @Nullable URI address(String text) {
        if (text.length() > MAX_ADDRESS
                || text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return null;
        }
        try {
            URI uri = new URI(text);
            boolean ok = uri.isAbsolute() && !uri.isOpaque() && uri.getHost() != null && uri.getRawUserInfo() == null;
            return ok ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** 16 random bytes, URL-safe: nothing to guess, nothing to escape. */
    private String newClientId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 32 random bytes, base64url: 43 characters, within bcrypt's 72 bytes. */
    private String newSecret() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
