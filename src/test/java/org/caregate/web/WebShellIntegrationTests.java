package org.caregate.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class WebShellIntegrationTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (!List.of(headers).contains("Accept")) {
            // As a browser asks: pages, not JSON.
            request.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLandingPageAsksWhereThePatientGetsCareAndSendsStaffElsewhere() throws Exception {
        var page = get("/", "Accept-Language", "en-US");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Where do you get care?", "Riverbend Clinic", "Riverbend Health System",
                "href=\"/clinic/sign-in\"", "href=\"/health-system/sign-in\"", "If your papers say",
                "Staff sign in somewhere else", "href=\"/staff/sign-in\"");
    }

    @Test
    void eachOrganisationHasItsOwnBrandedSignInPage() throws Exception {
        var clinic = get("/clinic/sign-in");
        var system = get("/health-system/sign-in");

        assertThat(clinic.statusCode()).isEqualTo(200);
        assertThat(clinic.body()).contains("Sign in to Riverbend Clinic", "/org/clinic/theme.css",
                "/org/clinic/logo.svg", "tel:+15077384013", "(507) 738-4013",
                "Monday through Friday, 7 a.m. to 6 p.m. Central Time", "href=\"/health-system/sign-in\"");
        assertThat(system.body()).contains("Sign in to Riverbend Health System", "/org/health-system/theme.css",
                "tel:+18778580398", "(877) 858-0398", "href=\"/clinic/sign-in\"")
                .doesNotContain("/org/clinic/theme.css");
        assertThat(get("/org/health-system/theme.css").body()).contains("--brand:#1d5e3a");
    }

    @Test
    void anUnknownOrganisationGetsAPlainNotFoundPage() throws Exception {
        var page = get("/nowhere/sign-in");

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("find that page", "Go to the start page")
                .doesNotContain("Exception", "at org.");
        assertThat(get("/org/nowhere/theme.css").statusCode()).isEqualTo(404);
    }

    @Test
    void programsGetProblemJsonInsteadOfAPage() throws Exception {
        var missing = get("/nowhere/sign-in", "Accept", "application/json");
        var failure = get("/test/failure", "Accept", "application/json");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(missing.body()).contains("\"status\":404", "\"title\":\"Not Found\"", "\"instance\":\"/nowhere/sign-in\"");
        assertThat(failure.statusCode()).isEqualTo(500);
        assertThat(failure.body()).containsPattern("\"reference\":\"[A-Z2-9]{4}-[A-Z2-9]{4}\"")
                .doesNotContain("Maria Example", "trace", "exception");
    }

    @Test
    void everyPageCarriesTheSecurityHeadersAndIsNeverCached() throws Exception {
        for (String path : new String[] {"/", "/clinic/sign-in", "/no-such-page"}) {
            var headers = get(path).headers();
            assertThat(headers.firstValue("Content-Security-Policy")).get().asString()
                    .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
                    .doesNotContain("unsafe-inline");
            assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(headers.firstValue("Referrer-Policy")).contains("same-origin");
            assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
            assertThat(headers.firstValue("Cache-Control")).get().asString().contains("no-store");
            assertThat(headers.firstValue("Strict-Transport-Security")).isEmpty();
        }
        // Static files may be cached: they hold nothing personal.
        assertThat(get("/css/portal.css").headers().firstValue("Cache-Control")).get().asString()
                .contains("max-age").doesNotContain("no-store");
    }

    @Test
    void behindAnHttpsLoadBalancerHstsIsSent() throws Exception {
        var headers = get("/", "X-Forwarded-Proto", "https").headers();

        assertThat(headers.firstValue("Strict-Transport-Security")).get().asString()
                .contains("max-age=31536000", "includeSubDomains");
    }

    @Test
    void spanishIsChosenByTheBrowserOrTheSwitchAndTheChoiceIsRemembered() throws Exception {
        assertThat(get("/", "Accept-Language", "es-MX,es;q=0.9").body()).contains("¿Dónde recibe atención?",
                "lang=\"es\"");

        var switched = get("/clinic/sign-in?lang=es", "Accept-Language", "en");
        assertThat(switched.body()).contains("Iniciar sesión en Riverbend Clinic");
        String cookie = switched.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("caregate-lang=es").contains("HttpOnly");

        var next = get("/", "Accept-Language", "en", "Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(next.body()).contains("¿Dónde recibe atención?", "¿Necesita ayuda con el portal?");

        assertThat(get("/?lang=fr", "Accept-Language", "en").body()).contains("Where do you get care?");
    }

    @Test
    void aServerErrorShowsAReferenceNumberAndNoDetails(CapturedOutput output) throws Exception {
        var page = get("/test/failure");

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body()).contains("Something went wrong on our side")
                .doesNotContain("Maria Example", "IllegalStateException", "at org.");
        String reference = page.body().replaceAll("(?s).*class=\"reference\">([A-Z0-9-]+)<.*", "$1");
        assertThat(reference).matches("[A-Z2-9]{4}-[A-Z2-9]{4}");
        // The log ties the reference to the failure, without the exception's message.
        assertThat(output.getAll()).contains(reference, "IllegalStateException").doesNotContain("Maria Example");
    }

    /** A page that fails, only in this test's context. */
    @TestConfiguration
    @Import(FailingPage.class)
    static class WithFailingPage {
        @org.springframework.context.annotation.Bean
        org.caregate.platform.PublicPaths testPages() {
            return org.caregate.platform.PublicPaths.of("/test/**");
        }
    }

    @TestComponent
    @RestController
    static class FailingPage {
        @GetMapping("/test/failure")
        String fail() {
            throw new IllegalStateException("could not load record of Maria Example");
        }
    }
}
