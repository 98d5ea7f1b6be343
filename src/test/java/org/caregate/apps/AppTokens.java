package org.caregate.apps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.caregate.FormSession;
import org.caregate.apps.internal.Clients;
import org.caregate.apps.internal.Clients.App;
import org.caregate.apps.internal.Clients.Kind;
import org.jspecify.annotations.Nullable;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A SMART app's side of the standalone patient launch, over real HTTP, for tests: registers apps,
 * sends a signed-in browser through authorisation and consent, and exchanges the code for tokens
 * with PKCE. Nothing is shortcut: every step goes through the authorisation server's endpoints.
 */
public class AppTokens {

    public static final String REDIRECT = "http://127.0.0.1:9/callback";

    private static final Pattern CHECKBOX = Pattern.compile("<input type=\"checkbox\" name=\"scope\" id=\"([^\"]+)\" value=\"([^\"]+)\"");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(scope|patient|client_id|state)\" value=\"([^\"]*)\"");
    private static final Pattern RADIO = Pattern.compile("<input type=\"radio\" name=\"patient\" id=\"[^\"]+\" value=\"([^\"]+)\"");

    private final int port;
    private final Clients clients;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public AppTokens(int port, Clients clients) {
        this.port = port;
        this.clients = clients;
    }

    /** A registered app, as the test knows it. */
    public record Client(String clientId, @Nullable String secret, String redirectUri) {}

    /** A code verifier and its S256 challenge. */
    public record Pkce(String verifier, String challenge) {

        public static Pkce fresh() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Client registerPublic(String name) {
        String clientId = "test-app-" + UUID.randomUUID();
        clients.add(new App(UUID.randomUUID(), clientId, name, Kind.PUBLIC, null, List.of(REDIRECT),
                List.copyOf(SmartScopes.patientReadScopes()), null, null, Instant.now(), null), null);
        return new Client(clientId, null, REDIRECT);
    }

    public Client registerConfidential(String name) {
        String clientId = "test-server-app-" + UUID.randomUUID();
        String secret = UUID.randomUUID().toString().replace("-", "") + "x";
        clients.add(new App(UUID.randomUUID(), clientId, name, Kind.CONFIDENTIAL,
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(secret), List.of(REDIRECT),
                List.copyOf(SmartScopes.patientReadScopes()), null, null, Instant.now(), null), null);
        return new Client(clientId, secret, REDIRECT);
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The authorisation request's address, as an app builds it. */
    public String authorizeUrl(Client client, String scope, String state, Pkce pkce) {
        return "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", client.clientId(),
                "redirect_uri", client.redirectUri(), "scope", scope, "state", state, "aud", base() + "/fhir",
                "code_challenge", pkce.challenge(), "code_challenge_method", "S256"));
    }

    /**
     * Sends a signed-in browser through the authorisation request and the consent page, approving
     * everything except the kinds of data named in {@code untick} (consent page ids, e.g.
     * {@code kind-medications}), for the patient {@code patient} (or the only one offered).
     * Returns the redirect back to the app.
     */
    public URI approve(FormSession browser, Client client, String scope, Pkce pkce, @Nullable String patient,
            String... untick) throws Exception {
        String state = UUID.randomUUID().toString();
        var page = consentPage(browser, authorizeUrl(client, scope, state, pkce));
        List<String[]> fields = new ArrayList<>();
        int start = page.body().indexOf("id=\"allow-form\"");
        String allowForm = page.body().substring(start, page.body().indexOf("</form>", start));
        Matcher hidden = HIDDEN.matcher(allowForm);
        while (hidden.find()) {
            if (!(hidden.group(1).equals("patient") && patient != null)) {
                fields.add(new String[] {hidden.group(1), unescape(hidden.group(2))});
            }
        }
        if (patient != null) {
            Matcher radio = RADIO.matcher(allowForm);
            List<String> offered = new ArrayList<>();
            while (radio.find()) {
                offered.add(radio.group(1));
            }
            fields.add(new String[] {"patient", patient});
        }
        Matcher box = CHECKBOX.matcher(allowForm);
        while (box.find()) {
            if (!List.of(untick).contains(box.group(1))) {
                fields.add(new String[] {"scope", unescape(box.group(2))});
            }
        }
        fields.add(new String[] {"_csrf", browser.csrf()});
        var answer = browser.send(browser.request("/oauth2/authorize")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.stream()
                        .map(f -> enc(f[0]) + "=" + enc(f[1])).collect(Collectors.joining("&"))))
                .build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        URI back = URI.create(FormSession.location(answer));
        assertThat(query(back).get("state")).isEqualTo(state);
        return back;
    }

    /**
     * The consent page a signed-in browser reaches from an authorisation request: the authorisation
     * server sends it to {@code /apps/consent}, which leads to the organisation's own page.
     */
    public HttpResponse<String> consentPage(FormSession browser, String authorizeUrl) throws Exception {
        var toConsent = browser.get(authorizeUrl);
        assertThat(toConsent.statusCode()).as(toConsent.body()).isEqualTo(302);
        assertThat(URI.create(FormSession.location(toConsent)).getRawPath()).isEqualTo("/apps/consent");
        var page = browser.get(follow(browser, FormSession.location(toConsent)));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page;
    }

    /** Follows the portal's own redirects (the consent page lives under the organisation's address). */
    private static String follow(FormSession browser, String location) throws Exception {
        String at = local(location);
        for (int i = 0; i < 4 && !at.matches("^/[a-z][a-z0-9-]+/apps/consent\\?.*"); i++) {
            var next = browser.get(at);
            assertThat(next.statusCode()).as(at + " " + next.body()).isEqualTo(302);
            at = local(FormSession.location(next));
        }
        return at;
    }

    private static String local(String location) {
        URI uri = URI.create(location);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Exchanges a code at the token endpoint, as the app does. */
    public HttpResponse<String> exchange(Client client, String code, String verifier) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("grant_type", "authorization_code");
        fields.put("code", code);
        fields.put("redirect_uri", client.redirectUri());
        fields.put("code_verifier", verifier);
        return tokenRequest(client, fields);
    }

    public HttpResponse<String> refresh(Client client, String refreshToken) throws Exception {
        return tokenRequest(client, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    public HttpResponse<String> revoke(Client client, String token) throws Exception {
        return post("/oauth2/revoke", client, Map.of("token", token));
    }

    public HttpResponse<String> introspect(Client client, String token) throws Exception {
        return post("/oauth2/introspect", client, Map.of("token", token));
    }

    private HttpResponse<String> tokenRequest(Client client, Map<String, String> fields) throws Exception {
        return post("/oauth2/token", client, fields);
    }

    private HttpResponse<String> post(String path, Client client, Map<String, String> given) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>(given);
        var request = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (client.secret() == null) {
            fields.put("client_id", client.clientId());
        } else {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (enc(client.clientId()) + ":" + enc(client.secret())).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(fields))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A GET on the FHIR API with a bearer token. */
    public HttpResponse<String> fhir(String path, @Nullable String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base() + "/fhir" + path)).header("Accept", "application/fhir+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The whole launch: approve, then exchange; returns the token response. */
    public JsonNode launch(FormSession browser, Client client, String scope, @Nullable String patient, String... untick)
            throws Exception {
        Pkce pkce = Pkce.fresh();
        URI back = approve(browser, client, scope, pkce, patient, untick);
        var tokens = exchange(client, query(back).get("code"), pkce.verifier());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return json.readTree(tokens.body());
    }

    public JsonNode json(String body) {
        return json.readTree(body);
    }

    public static Map<String, String> query(URI uri) {
        Map<String, String> values = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return values;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            values.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">");
    }
}
