package org.caregate.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.password.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
class PasswordSignInIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordHashing hashing;

    @Test
    void aPatientSignsInWithTheirUsernameAndSeesTheirHomePage() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);

        var answer = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(answer)).isEqualTo("/clinic/home?signed-in");
        var home = browser.get("/clinic/home");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, Ana", "Sign out");
    }

    @Test
    void theUsernameIsNotCaseSensitiveAndTheEmailAddressWorksToo() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        assertThat(new FormSession(port).signIn("clinic", account.username().toUpperCase(), TestPatients.PASSWORD)
                .statusCode()).isEqualTo(302);
        assertThat(FormSession.location(new FormSession(port).signIn("clinic", " " + account.email() + " ",
                TestPatients.PASSWORD))).isEqualTo("/clinic/home?signed-in");
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
        Account account = patients.patientWithAccount("clinic");

        var wrongPassword = new FormSession(port).signIn("clinic", account.username(), "not-the-password-at-all");
        var unknownUser = new FormSession(port).signIn("clinic", "nobody-" + TestPatients.tag(), "not-the-password-at-all");

        assertThat(wrongPassword.statusCode()).isEqualTo(unknownUser.statusCode()).isEqualTo(422);
        assertThat(withoutVaryingParts(wrongPassword.body(), account.username()))
                .isEqualTo(withoutVaryingParts(unknownUser.body(), null));
        assertThat(wrongPassword.body()).contains("do not match our records");
    }

    @Test
    void theSessionIdChangesAtSignInSoAPlantedIdIsWorthless() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.get("/clinic/sign-in");
        String before = browser.cookie("caregate_session").orElseThrow();

        browser.post("/clinic/sign-in", "username", account.username(), "password", TestPatients.PASSWORD);

        String after = browser.cookie("caregate_session").orElseThrow();
        assertThat(after).isNotEqualTo(before);
        var attacker = new FormSession(port);
        attacker.get("/clinic/sign-in");
        // The attacker's planted id (the one from before sign-in) no longer opens anything.
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE session_id = ?")
                .param(new String(java.util.Base64.getDecoder().decode(before))).query(Long.class).single()).isZero();
    }

    @Test
    void privatePagesSendStrangersToTheSignInPageAndUnknownAddressesAreNotFound() throws Exception {
        var stranger = new FormSession(port);

        var home = stranger.get("/clinic/home");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(home)).isEqualTo("/clinic/sign-in");
        assertThat(FormSession.location(stranger.get("/staff"))).isEqualTo("/staff/sign-in");
        assertThat(stranger.get("/no-such-page").statusCode()).isEqualTo(404);
    }

    @Test
    void signingInAtTheOtherOrganisationsPageTakesThePatientToTheirOwn() throws Exception {
        Account account = patients.patientWithAccount("health-system");
        var browser = new FormSession(port);

        var answer = browser.signIn("clinic", account.username(), TestPatients.PASSWORD);

        assertThat(FormSession.location(answer)).isEqualTo("/health-system/home?signed-in");
        assertThat(browser.get("/health-system/home").body())
                .contains("We brought you to your own portal", "Riverbend Clinic", "Riverbend Health System");
        // The clinic's private pages lead back to their own portal.
        assertThat(FormSession.location(browser.get("/clinic/home"))).isEqualTo("/health-system/home");
    }

    @Test
    void aStaffStyleNameOnAPatientPageIsSentToTheStaffPage() throws Exception {
        var answer = new FormSession(port).signIn("clinic", "ab12345", "whatever they typed");

        assertThat(answer.body()).contains("This is the patient portal. Staff sign in on a different page.",
                "href=\"/staff/sign-in\"");
    }

    @Test
    void staffSignInOnTheirOwnPageAndPatientsAreSentBack() throws Exception {
        String name = "zz" + Math.floorMod(TestPatients.tag().hashCode(), 900_000 - 100_000) + 100_000;
        accounts.openStaffAccount(name, name + "@staff.example", java.util.Set.of(StaffRole.SUPPORT), TestPatients.PASSWORD);
        var staff = new FormSession(port);

        staff.get("/staff/sign-in");
        var answer = staff.post("/staff/sign-in", "username", name, "password", TestPatients.PASSWORD);

        assertThat(FormSession.location(answer)).isEqualTo("/staff?signed-in");
        assertThat(staff.get("/staff").body()).contains("Portal support");
        assertThat(staff.get("/clinic/home").statusCode()).isEqualTo(403);

        Account patient = patients.patientWithAccount("clinic");
        var onStaffPage = new FormSession(port);
        onStaffPage.get("/staff/sign-in");
        assertThat(onStaffPage.post("/staff/sign-in", "username", patient.username(), "password", TestPatients.PASSWORD)
                .body()).contains("This page is for staff.");
        assertThat(new FormSession(port).signIn("clinic", name, TestPatients.PASSWORD).body())
                .contains("Staff sign in on a different page");
    }

    @Test
    void signingOutEndsTheSessionInTheDatabase() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.signIn("clinic", account.username(), TestPatients.PASSWORD);
        var home = browser.get("/clinic/home");

        var answer = browser.post("/sign-out");

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-in?signed-out");
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session WHERE principal_name = ?")
                .param(account.id().toString()).query(Long.class).single()).isZero();
        assertThat(browser.get("/clinic/home").statusCode()).isEqualTo(302);
        assertThat(home.statusCode()).isEqualTo(200);
    }

    @Test
    void aFormSentWithoutCookiesExplainsThatCookiesAreBlocked() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        var browser = new FormSession(port);
        browser.get("/clinic/sign-in");
        browser.forgetCookies();

        var answer = browser.post("/clinic/sign-in", "username", account.username(), "password", TestPatients.PASSWORD);

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(FormSession.location(answer)).isEqualTo("/help/cookies");
    }

    @Test
    void aPasswordHashedWithOlderParametersIsRehashedAtSignIn() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        String weaker = new Argon2PasswordEncoder(16, 32, 1, 4096, 1).encode(TestPatients.PASSWORD);
        jdbc.sql("UPDATE account SET password_hash = ? WHERE id = ?").params(weaker, account.id().value()).update();

        assertThat(new FormSession(port).signIn("clinic", account.username(), TestPatients.PASSWORD).statusCode())
                .isEqualTo(302);

        String stored = jdbc.sql("SELECT password_hash FROM account WHERE id = ?").param(account.id().value())
                .query(String.class).single();
        assertThat(stored).isNotEqualTo(weaker).contains("m=19456,t=2,p=1");
        assertThat(hashing.matches(TestPatients.PASSWORD, stored)).isTrue();
    }

    /** The page minus what differs by request: the CSRF token and the name typed back into the field. */
    private static String withoutVaryingParts(String page, @org.jspecify.annotations.Nullable String typed) {
        String stripped = page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
        stripped = stripped.replaceAll("id=\"username\" name=\"username\"([^>]*) value=\"[^\"]*\"", "id=\"username\" name=\"username\"$1");
        return stripped;
    }
}
