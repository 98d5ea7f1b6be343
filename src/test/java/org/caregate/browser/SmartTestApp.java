package org.caregate.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Results Viewer, the small SMART app in {@code src/test/smart-app}: its pages and fhirclient's
 * browser bundle (from the npm registry, {@code npm ci --prefix src/test/smart-app}) served on a
 * random port of 127.0.0.1, an origin of its own apart from the portal's, as an outside app is.
 * {@code config.json} tells the app which portal and client id to use.
 */
final class SmartTestApp implements AutoCloseable {

    static final Path FOLDER = Path.of("src", "test", "smart-app");
    static final Path FHIR_CLIENT = FOLDER.resolve(Path.of("node_modules", "fhirclient", "build", "fhir-client.js"));

    /** What the app serves, by address; nothing else answers but 404. */
    private static final Map<String, Served> FILES = Map.of(
            "/launch.html", new Served(FOLDER.resolve("launch.html"), "text/html; charset=utf-8"),
            "/index.html", new Served(FOLDER.resolve("index.html"), "text/html; charset=utf-8"),
            "/app.js", new Served(FOLDER.resolve("app.js"), "text/javascript; charset=utf-8"),
            "/app.css", new Served(FOLDER.resolve("app.css"), "text/css; charset=utf-8"),
            "/fhir-client.js", new Served(FHIR_CLIENT, "text/javascript; charset=utf-8"));

    private record Served(Path file, String contentType) {}

    private final HttpServer server;
    private volatile String config = "{}";

    private SmartTestApp(HttpServer server) {
        this.server = server;
    }

    /**
     * Skips the calling journey, loudly, when fhirclient is not installed, or fails it where CI
     * requires every browser journey to run ({@link Chromium#REQUIRE_BROWSER}).
     */
    static void requireInstalled() {
        if (Files.isRegularFile(FHIR_CLIENT)) {
            return;
        }
        String message = "The SMART app journey needs fhirclient at " + FHIR_CLIENT + " and it is missing."
                + " Install it with: npm ci --prefix " + FOLDER;
        if ("1".equals(System.getenv(Chromium.REQUIRE_BROWSER))) {
            Assertions.fail(message + " (" + Chromium.REQUIRE_BROWSER + "=1 makes it a failure)");
        }
        System.err.println("""

                ************************************************************************
                SKIPPING THE SMART APP JOURNEY: %s
                ************************************************************************
                """.formatted(message));
        Assumptions.abort(message);
    }

    /** Starts serving the app on a free port of 127.0.0.1. */
    static SmartTestApp start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        SmartTestApp app = new SmartTestApp(server);
        server.createContext("/", app::answer);
        server.start();
        return app;
    }

    /** Where the app is, e.g. {@code http://127.0.0.1:40123}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The page that starts the standalone launch. */
    String launchPage() {
        return origin() + "/launch.html";
    }

    /** The redirect URI to register, exactly as fhirclient sends it (port included). */
    String redirectUri() {
        return origin() + "/index.html";
    }

    /** Which portal and client id the app uses, once it is registered there. */
    void connectTo(String fhirBase, String clientId) {
        config = "{\"iss\":\"" + fhirBase + "\",\"clientId\":\"" + clientId + "\"}";
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"GET".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "text/plain; charset=utf-8", new byte[0]);
            } else if (path.equals("/config.json")) {
                send(exchange, 200, "application/json", config.getBytes(StandardCharsets.UTF_8));
            } else if (FILES.containsKey(path)) {
                Served served = FILES.get(path);
                send(exchange, 200, served.contentType(), Files.readAllBytes(served.file()));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
