package org.caregate.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.caregate.session.SessionTestSupport.rawGet;
import static org.caregate.session.SessionTestSupport.sessionSetCookie;

import java.time.Duration;
import java.util.Base64;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.notify.MutableClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** The session cookie and the session behind it: flags, PostgreSQL storage, idle time-out, keep-alive, new ids. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class, SessionTestSupport.class})
class SessionCookieIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() throws Exception {
        String cookie = sessionSetCookie(rawGet(port, "/clinic/sign-in", ""));

        assertThat(cookie).startsWith("caregate_session=").contains("; Path=/", "; HttpOnly", "; SameSite=Lax")
                .doesNotContain("Secure");
    }

    @Test
    void behindTheLoadBalancerOnHttpsTheSessionCookieIsSecure() throws Exception {
        var answer = rawGet(port, "/clinic/sign-in", "", "X-Forwarded-Proto", "https");

        assertThat(sessionSetCookie(answer)).contains("; Secure", "; HttpOnly", "; SameSite=Lax");
        assertThat(answer.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void theSessionLivesInPostgresSoAnyNodeServesItAndDeletingTheRowSignsThePersonOut() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        String cookie = "caregate_session=" + browser.cookie("caregate_session").orElseThrow();

        // Another client (as another node would see it) with nothing but the cookie value.
        var elsewhere = rawGet(port, "/clinic/home", cookie);
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.body()).contains("Welcome, Ana");

        jdbc.sql("DELETE FROM spring_session WHERE principal_name = ?").param(account.id().toString()).update();

        assertThat(FormSession.location(rawGet(port, "/clinic/home", cookie))).isEqualTo("/clinic/sign-in?timed-out");
    }

    @Test
    void anIdleSessionEndsAndTheNextPageSaysTheSessionTimedOut() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);

        lastUsedAgo(account, Duration.ofMinutes(21));
        var answer = browser.get("/clinic/home");

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-in?timed-out");
        assertThat(browser.get(FormSession.location(answer)).body()).contains("You were signed out because the page was not used");
        assertThat(sessionsOf(account)).isZero();
    }

    @Test
    void staySignedInMovesTheIdleDeadlineAndAnswersNoContent() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/home");
        lastUsedAgo(account, Duration.ofMinutes(19));
        long before = expiryOf(account);

        var answer = browser.post("/session/keep-alive");

        assertThat(answer.statusCode()).isEqualTo(204);
        assertThat(expiryOf(account) - before).isGreaterThanOrEqualTo(Duration.ofMinutes(19).toMillis() - 5_000);
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);
    }

    @Test
    void staySignedInWithoutTheFormTokenIsRefused() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        var script = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/session/keep-alive"))
                .header("Accept", "*/*").header("Cookie", "caregate_session=" + browser.cookie("caregate_session").orElseThrow())
                .header("X-CSRF-TOKEN", "not-the-token").POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();

        try (var http = java.net.http.HttpClient.newHttpClient()) {
            assertThat(http.send(script, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aStepUpGivesTheSessionANewIdAndTheOldOneOpensNothing() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        browser.get("/clinic/home");
        String before = browser.cookie("caregate_session").orElseThrow();

        var answer = browser.post("/clinic/test-step-up");

        assertThat(answer.statusCode()).isEqualTo(204);
        String after = browser.cookie("caregate_session").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(200);
        assertThat(rawGet(port, "/clinic/home", "caregate_session=" + before).statusCode()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = ?")
                .param(new String(Base64.getDecoder().decode(before))).query(Long.class).single()).isZero();
        assertThat(sessionsOf(account)).isOne();
    }

    /** Moves the account's sessions' last use back, as if nothing had happened for that long. */
    private void lastUsedAgo(Account account, Duration idle) {
        jdbc.sql("""
                UPDATE spring_session
                   SET last_access_time = :now - :idle, expiry_time = :now - :idle + max_inactive_interval * 1000
                 WHERE principal_name = :account""")
                .param("now", System.currentTimeMillis()).param("idle", idle.toMillis())
                .param("account", account.id().toString()).update();
    }

    private long expiryOf(Account account) {
        return jdbc.sql("SELECT expiry_time FROM spring_session WHERE principal_name = ?").param(account.id().toString())
                .query(Long.class).single();
    }

    private long sessionsOf(Account account) {
        return jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?").param(account.id().toString())
                .query(Long.class).single();
    }
}
