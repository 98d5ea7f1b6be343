package org.caregate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One browser's worth of HTTP for integration tests: keeps cookies, never follows redirects (tests
 * check where they lead), and sends forms with the CSRF token of the last page it loaded, as a
 * browser would. Use against a server started with {@code webEnvironment = RANDOM_PORT}.
 */
public class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf = "";
    private String userAgent = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0 Safari/537.36";

    public FormSession(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public FormSession userAgent(String userAgent) {
        this.userAgent = userAgent;
        return this;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        var response = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        remember(response);
        return response;
    }

    /** A file's bytes (a download), as the browser gets them. */
    public HttpResponse<byte[]> bytes(String path) throws IOException, InterruptedException {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Posts a form with this session's CSRF token (from the last page loaded). */
    public HttpResponse<String> post(String path, String... fieldsAndValues) throws IOException, InterruptedException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        fields.putIfAbsent("_csrf", csrf);
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var response = http.send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        remember(response);
        return response;
    }

    /**
     * Posts a form with one file ({@code multipart/form-data}) and this session's CSRF token among its
     * fields, as a browser uploads one.
     */
    public HttpResponse<String> upload(String path, String fileField, String fileName, byte[] content,
            String... fieldsAndValues) throws IOException, InterruptedException {
        String boundary = "----FormSession" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("_csrf", csrf);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            fields.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        var body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        remember(response);
        return response;
    }

    /**
     * A request with this browser's headers, for a test to finish (a script's call: set its Accept,
     * Content-Type and body), then {@link #send} it with this session's cookies.
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .header("Accept-Language", "en-US")
                .header("User-Agent", userAgent);
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The CSRF token of the last page loaded, as a script reads it from the page's {@code _csrf} field. */
    public String csrf() {
        return csrf;
    }

    /** Loads the page, then posts its form: the usual way a person sends one. */
    public HttpResponse<String> submit(String path, String... fieldsAndValues) throws IOException, InterruptedException {
        get(path);
        return post(path, fieldsAndValues);
    }

    /** Signs in at an organisation's page and returns the answer (a redirect when it worked). */
    public HttpResponse<String> signIn(String organizationId, String username, String password)
            throws IOException, InterruptedException {
        return submit("/" + organizationId + "/sign-in", "username", username, "password", password);
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    public void forgetCookies() {
        cookies.getCookieStore().removeAll();
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("")
                .replaceFirst("^https?://[^/]+", "");
    }

    private void remember(HttpResponse<String> response) {
        Matcher matcher = CSRF.matcher(response.body());
        if (matcher.find()) {
            csrf = matcher.group(1);
        }
    }
}
