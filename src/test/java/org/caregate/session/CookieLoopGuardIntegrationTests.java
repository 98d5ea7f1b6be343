package org.caregate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregate.session.SessionTestSupport.rawGet;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** A browser that drops the session cookie set at sign-in gets the cookie help page, not the sign-in page again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class, SessionTestSupport.class})
class CookieLoopGuardIntegrationTests {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Test
    void aBrowserThatKeepsItsCookiesGoesHomeAndTheMarkerLeavesTheAddress() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);

        var signedIn = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(signedIn)).isEqualTo("/clinic/home?signed-in");
        var marked = browser.get("/clinic/home?signed-in");

        assertThat(FormSession.location(marked)).isEqualTo("/clinic/home");
        assertThat(browser.get("/clinic/home").body()).contains("Welcome, Ana");
    }

    @Test
    void aBrowserThatDropsTheNewSessionCookieGetsTheCookieHelpInsteadOfALoop() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        // The sign-in page's cookie comes back with the form, but the one set at sign-in is dropped.
        var page = rawGet(port, "/clinic/sign-in", "");
        String pageCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("caregate_session="))
                .findFirst().orElseThrow().split(";")[0];
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).isTrue();

        var signedIn = post("/clinic/sign-in", pageCookie, "_csrf", csrf.group(1), "username", account.username(),
                "password", TestPatients.PASSWORD);
        assertThat(FormSession.location(signedIn)).isEqualTo("/clinic/home?signed-in");

        var withOldCookie = rawGet(port, FormSession.location(signedIn), pageCookie);
        var withNoCookie = rawGet(port, FormSession.location(signedIn), "");

        assertThat(FormSession.location(withOldCookie)).isEqualTo("/help/cookies");
        assertThat(FormSession.location(withNoCookie)).isEqualTo("/help/cookies");
        var help = rawGet(port, "/help/cookies", "");
        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(help.body()).contains("Your browser is blocking cookies", "Find the cookies setting.");
    }

    @Test
    void withoutTheMarkerAnEndedSessionStillGoesToTheSignInPage() throws Exception {
        assertThat(FormSession.location(rawGet(port, "/clinic/home", ""))).isEqualTo("/clinic/sign-in");
    }

    private HttpResponse<String> post(String path, String cookie, String... fieldsAndValues) throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            body.append(i == 0 ? "" : "&").append(URLEncoder.encode(fieldsAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(fieldsAndValues[i + 1], StandardCharsets.UTF_8));
        }
        try (var http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/html").header("Cookie", cookie)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
