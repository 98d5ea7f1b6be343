package org.caregate.session;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the session tests add to the application: a step-up page and a record of sign-outs everywhere. */
@TestConfiguration(proxyBeanMethods = false)
class SessionTestSupport {

    /**
     * Stands in for the second-factor step (registered as a member class of this configuration),, which calls {@link SessionSecurity#renewId} when it succeeds.
     */
    @RestController
    static class StepUpForTests {

        private final SessionSecurity sessions;

        StepUpForTests(SessionSecurity sessions) {
            this.sessions = sessions;
        }

        @PostMapping("/clinic/test-step-up")
        ResponseEntity<Void> stepUp(HttpServletRequest request) {
            sessions.renewId(request);
            return ResponseEntity.noContent().build();
        }
    }

    /** Every {@link SignedOutEverywhere} published, whichever thread published it. */
    static class SignOutsEverywhere {

        final List<SignedOutEverywhere> seen = new CopyOnWriteArrayList<>();

        @EventListener
        void on(SignedOutEverywhere event) {
            seen.add(event);
        }
    }

    @Bean
    SignOutsEverywhere signOutsEverywhere() {
        return new SignOutsEverywhere();
    }

    /**
     * A GET as a browser that sends exactly the given cookie header (or none), keeps nothing and
     * follows no redirect: a second node's view of the same cookie, or a browser that drops cookies.
     */
    static HttpResponse<String> rawGet(int port, String path, String cookieHeader, String... headers)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html").header("Accept-Language", "en-US");
        if (!cookieHeader.isEmpty()) {
            request.header("Cookie", cookieHeader);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try (HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The Set-Cookie header that sets the session cookie, or "" if none. */
    static String sessionSetCookie(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("caregate_session="))
                .findFirst().orElse("");
    }
}
