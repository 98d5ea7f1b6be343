package org.caregate.platform.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.caregate.CaregateApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The {@code prod} profile starts only when configured for real, and never exposes demo tools. */
class ProductionProfileTests {

    /** Starts the portal in prod as an operator would, with these settings on the command line. */
    private static ConfigurableApplicationContext prod(Map<String, String> properties) {
        var values = new LinkedHashMap<>(properties);
        // Environment variables of the machine running the tests must not fill the gaps.
        values.putIfAbsent("PORTAL_DB_URL", "");
        String[] arguments = values.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CaregateApplication.class).profiles("prod").run(arguments);
    }

    @Test
    void prodRefusesToStartAndNamesEveryMissingSetting() {
        assertThatThrownBy(() -> prod(Map.of()))
                .isInstanceOf(ProductionSettingsMissing.class)
                .hasMessageContaining("will not start with the prod profile")
                .satisfies(e -> assertThat(((ProductionSettingsMissing) e).problems()).hasSize(9)
                        .anyMatch(p -> p.startsWith("spring.datasource.url (or PORTAL_DB_URL) is missing"))
                        .anyMatch(p -> p.startsWith("caregate.public-base-url"))
                        .anyMatch(p -> p.startsWith("spring.mail.host"))
                        .anyMatch(p -> p.startsWith("caregate.notify.email.from"))
                        .anyMatch(p -> p.startsWith("caregate.notify.twilio.account-sid"))
                        .anyMatch(p -> p.startsWith("caregate.notify.twilio.auth-token"))
                        .anyMatch(p -> p.startsWith("caregate.notify.twilio.from-number"))
                        .anyMatch(p -> p.startsWith("caregate.activation.hash-key"))
                        .anyMatch(p -> p.startsWith("caregate.mfa.seed-key (or PORTAL_MFA_SEED_KEY) is missing")));
    }

    @Test
    void prodRefusesSettingsThatCannotBeRight() {
        var settings = new LinkedHashMap<>(complete("jdbc:postgresql://db.internal/caregate"));
        settings.put("caregate.public-base-url", "http://portal.example.org");
        settings.put("caregate.notify.twilio.from-number", "507-555-0100");
        // 16 bytes: an AES-128 key, not the AES-256 one seeds are encrypted with.
        settings.put("caregate.mfa.seed-key", "MDEyMzQ1Njc4OWFiY2RlZg==");

        assertThatThrownBy(() -> prod(settings))
                .isInstanceOf(ProductionSettingsMissing.class)
                .satisfies(e -> assertThat(((ProductionSettingsMissing) e).problems()).containsExactly(
                        "caregate.public-base-url (or PORTAL_PUBLIC_BASE_URL) is not valid: the address patients use, starting with https://",
                        "caregate.notify.twilio.from-number (or PORTAL_TWILIO_FROM_NUMBER) is not valid: the number texts and calls come from, in +E.164 form",
                        "caregate.mfa.seed-key (or PORTAL_MFA_SEED_KEY) is not valid: a random AES-256 key, Base64 of exactly 32 bytes (openssl rand -base64 32), that encrypts authenticator-app seeds"));
    }

    @Test
    void theFailureIsExplainedInPlainWords() {
        var analysis = new ProductionSettingsFailureAnalyzer()
                .analyze(new ProductionSettingsMissing(java.util.List.of("x (or X) is missing: y")));

        assertThat(analysis.getDescription()).contains("x (or X) is missing: y");
        assertThat(analysis.getAction()).contains("docs/CONFIGURATION.md");
    }

    @Test
    void configuredProdUsesTheExternalDatabaseAndHasNoDevOutbox() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().start()) {
            var settings = new LinkedHashMap<>(complete(external.getJdbcUrl("postgres", "postgres")));
            settings.put("spring.datasource.username", "postgres");
            settings.put("server.port", "0");
            try (var context = prod(settings)) {
                assertThat(context.getBeanNamesForType(EmbeddedPostgres.class)).isEmpty();
                int port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
                var http = HttpClient.newHttpClient();
                var outbox = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dev/outbox"))
                        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                var home = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());

                assertThat(outbox.statusCode()).isEqualTo(404);
                assertThat(home.statusCode()).isEqualTo(200);
                // Flyway ran against the external database, and no demo patients were loaded there.
                try (var connection = external.getPostgresDatabase().getConnection();
                        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM patient")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isZero();
                }
            }
        }
    }

    private static Map<String, String> complete(String databaseUrl) {
        return Map.of(
                "PORTAL_DB_URL", databaseUrl,
                "caregate.public-base-url", "https://portal.example.org",
                "spring.mail.host", "smtp.example.org",
                "caregate.notify.email.from", "portal@example.org",
                "caregate.notify.twilio.account-sid", "AC00000000000000000000000000000000",
                "caregate.notify.twilio.auth-token", "test-token",
                "caregate.notify.twilio.from-number", "+15075550100",
                "caregate.activation.hash-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "caregate.mfa.seed-key", "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA=");
    }
}
