package org.caregate.identity.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodes;
import org.caregate.identity.SentMessages;
import org.caregate.notify.MutableClock;
import org.caregate.notify.MutableClockConfiguration;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestPatients.class, MutableClockConfiguration.class})
class SignUpIntegrationTests {

    static final String PASSWORD = "harbor-violet-sparrow-38";

    @LocalServerPort
    int port;

    @Autowired
    TestPatients patients;

    @Autowired
    AccountManagement accounts;

    @Autowired
    ActivationCodes activationCodes;

    @Autowired
    PatientRegistry registry;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    SentMessages sent;

    @BeforeEach
    void freshAllowance() {
        // Every test signs up from 127.0.0.1: a new hour refills the per-address allowance.
        clock.advance(Duration.ofHours(1));
        sent = new SentMessages(port, jdbc);
    }

    // --- Activation codes ---

    @Test
    void anIssuedCodeIsStoredOnlyAsAKeyedHash() {
        Patient patient = patients.patient("clinic");

        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();

        assertThat(code).matches("[2-9B-DF-HJKMNP-TV-XZ]{4}-[2-9B-DF-HJKMNP-TV-XZ]{4}-[2-9B-DF-HJKMNP-TV-XZ]{4}");
        var row = jdbc.sql("SELECT code_hash, delivery, issued_by_account_id, expires_at - issued_at AS lifetime"
                        + " FROM activation_code WHERE patient_id = ?")
                .param(patient.id().value()).query().singleRow();
        assertThat((byte[]) row.get("code_hash")).hasSize(32);
        assertThat(row.get("delivery")).isEqualTo("LETTER");
        assertThat(row.get("issued_by_account_id")).isNull();
        assertThat(row.get("lifetime").toString()).contains("30 days");
        String everything = jdbc.sql("SELECT string_agg(t::text, ' ') FROM activation_code t").query(String.class).single();
        assertThat(everything).doesNotContain(code, code.replace("-", ""));
    }

    @Test
    void theCodePathOpensAnAccountThatCanSignIn() throws Exception {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        var browser = new FormSession(port);

        // Typing is forgiving: small letters, spaces instead of dashes.
        var details = submitDetails(browser, "clinic", patient, Map.of("activationCode", code.toLowerCase().replace("-", " "),
                "recordNumber", "", "email", "new-" + patient.email()));
        assertThat(FormSession.location(details)).isEqualTo("/clinic/sign-up/account");
        String username = "ana-" + TestPatients.tag();
        var chosen = browser.submit("/clinic/sign-up/account", "username", username, "password", PASSWORD);

        assertThat(FormSession.location(chosen)).isEqualTo("/clinic/sign-up/done");
        assertThat(browser.get("/clinic/sign-up/done").body()).contains("Your account is ready", "href=\"/clinic/sign-in\"");
        Account account = accounts.findByPatient(patient.id()).orElseThrow();
        assertThat(account.username()).isEqualTo(username);
        assertThat(account.email()).isEqualTo("new-" + patient.email());
        assertThat(account.phone()).isEqualTo(patient.mobile().orElseThrow().e164());
        assertThat(FormSession.location(new FormSession(port).signIn("clinic", username, PASSWORD))).isEqualTo("/clinic/home?signed-in");
        assertThat(sent.newest(patient.email(), "Your Riverbend Clinic portal account was created").body())
                .contains(username).doesNotContain(code);
        assertThat(sent.newest("new-" + patient.email(), "Your Riverbend Clinic portal account was created")).isNotNull();
        assertThat(jdbc.sql("SELECT used_by_account_id FROM activation_code WHERE patient_id = ?")
                .param(patient.id().value()).query(java.util.UUID.class).single()).isEqualTo(account.id().value());
    }

    @Test
    void aNewCodeRetiresTheOldOne() throws Exception {
        Patient patient = patients.patient("clinic");
        String old = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        String current = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();

        assertThat(submitDetails(new FormSession(port), "clinic", patient, Map.of("activationCode", old)).statusCode())
                .isEqualTo(422);
        assertThat(FormSession.location(submitDetails(new FormSession(port), "clinic", patient,
                Map.of("activationCode", current)))).isEqualTo("/clinic/sign-up/account");
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();

        clock.advance(Duration.ofDays(30).plusMinutes(1));
        var answer = submitDetails(new FormSession(port), "clinic", patient, Map.of("activationCode", code));

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.body()).contains("do not match a working activation code of Riverbend Clinic");
    }

    @Test
    void aUsedCodeIsRefused() throws Exception {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        var first = new FormSession(port);
        submitDetails(first, "clinic", patient, Map.of("activationCode", code));
        first.submit("/clinic/sign-up/account", "username", "used-" + TestPatients.tag(), "password", PASSWORD);

        var again = submitDetails(new FormSession(port), "clinic", patient, Map.of("activationCode", code));

        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(again.body()).contains("do not match a working activation code");
    }

    @Test
    void aWrongCodeTheOtherOrganisationsCodeAndAWrongBirthDateAreRefused() throws Exception {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        Patient both = patients.patient("health-system");
        String otherOrganizations = activationCodes.issue(both.id(), "health-system", ActivationCodes.Delivery.LETTER).code();

        var wrongCode = submitDetails(new FormSession(port), "clinic", patient, Map.of("activationCode", "BBBB-CCCC-DDDD"));
        var elsewhere = submitDetails(new FormSession(port), "clinic", both, Map.of("activationCode", otherOrganizations));
        var wrongBirthDate = submitDetails(new FormSession(port), "clinic", patient,
                Map.of("activationCode", code, "birthDay", "10"));

        assertThat(List.of(wrongCode, elsewhere, wrongBirthDate)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.body()).contains("do not match a working activation code of Riverbend Clinic")
                    .doesNotContain(code, otherOrganizations);
        });
        assertThat(accounts.findByPatient(patient.id())).isEmpty();
        // The right details still work afterwards.
        assertThat(FormSession.location(submitDetails(new FormSession(port), "clinic", patient,
                Map.of("activationCode", code)))).isEqualTo("/clinic/sign-up/account");
    }

    @Test
    void twoBrowsersWithOneCodeOpenExactlyOneAccount() throws Exception {
        Patient patient = patients.patient("clinic");
        String code = activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code();
        List<FormSession> browsers = List.of(new FormSession(port), new FormSession(port));
        for (FormSession browser : browsers) {
            assertThat(FormSession.location(submitDetails(browser, "clinic", patient, Map.of("activationCode", code))))
                    .isEqualTo("/clinic/sign-up/account");
            browser.get("/clinic/sign-up/account");
        }

        List<CompletableFuture<HttpResponse<String>>> racing = new ArrayList<>();
        for (FormSession browser : browsers) {
            racing.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return browser.post("/clinic/sign-up/account", "username", "race-" + TestPatients.tag(),
                            "password", PASSWORD);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<HttpResponse<String>> answers = racing.stream().map(CompletableFuture::join).toList();

        assertThat(answers).filteredOn(a -> a.statusCode() == 302).hasSize(1)
                .allSatisfy(a -> assertThat(FormSession.location(a)).isEqualTo("/clinic/sign-up/done"));
        assertThat(answers).filteredOn(a -> a.statusCode() == 422).hasSize(1)
                .allSatisfy(a -> assertThat(a.body()).contains("the code was used or has expired"));
        assertThat(jdbc.sql("SELECT count(*) FROM account WHERE patient_id = ?").param(patient.id().value())
                .query(Long.class).single()).isEqualTo(1);
    }

    // --- Identity proofing ---

    @Test
    void proofingWithTheRecordNumberSendsTheCodeToTheContactsOnFile() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);

        var details = submitDetails(browser, "clinic", patient, Map.of("email", "typed-" + patient.email()));

        assertThat(FormSession.location(details)).isEqualTo("/clinic/sign-up/code");
        String code = SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE);
        assertThat(SentMessages.code(sent.newest(patient.mobile().orElseThrow().e164()), SentMessages.RESET_CODE))
                .isEqualTo(code);
        assertThat(sent.queuedTo("typed-" + patient.email())).isZero();
        finishWithCode(browser, code, patient);
        assertThat(accounts.findByPatient(patient.id()).orElseThrow().email()).isEqualTo("typed-" + patient.email());
    }

    @Test
    void proofingWithTheEmailOnFileWorks() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);

        submitDetails(browser, "clinic", patient, Map.of("recordNumber", "", "email", patient.email().toUpperCase()));

        finishWithCode(browser, SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE), patient);
    }

    @Test
    void proofingWithTheMobileOnFileWorks() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);

        submitDetails(browser, "clinic", patient, Map.of("recordNumber", "", "email", "other-" + patient.email(),
                "mobile", patient.mobile().orElseThrow().e164()));

        finishWithCode(browser, SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE), patient);
        assertThat(codesQueuedTo("other-" + patient.email())).isZero();
    }

    @Test
    void theCodeNeverGoesToATypedContactThatIsNotOnFile() throws Exception {
        Patient patient = patients.patient("clinic");
        String typedMobile = "+34699" + "%06d".formatted(Math.floorMod(TestPatients.tag().hashCode(), 1_000_000));

        submitDetails(new FormSession(port), "clinic", patient,
                Map.of("email", "stranger-" + patient.email(), "mobile", typedMobile));

        assertThat(sent.newest(patient.email()).subject()).isEqualTo("Your Riverbend Clinic sign-up code");
        assertThat(sent.queuedTo("stranger-" + patient.email())).isZero();
        assertThat(sent.queuedTo(typedMobile)).isZero();
        assertThat(codesQueuedTo(patient.email())).isEqualTo(1);
    }

    @Test
    void noSuchPatientWrongDetailsAndARealMatchGetTheSamePages() throws Exception {
        Patient patient = patients.patient("clinic");
        var match = new FormSession(port);
        var nobody = new FormSession(port);
        var wrong = new FormSession(port);

        var matchAnswer = submitDetails(match, "clinic", patient, Map.of());
        var nobodyAnswer = submitDetails(nobody, "clinic", patient, Map.of("familyName", "Nobody" + TestPatients.tag()));
        var wrongAnswer = submitDetails(wrong, "clinic", patient, Map.of("recordNumber", "T-WRONG-1",
                "email", "wrong-" + patient.email()));

        assertThat(List.of(matchAnswer, nobodyAnswer, wrongAnswer)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(302);
            assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-up/code");
        });
        String page = withoutCsrf(match.get("/clinic/sign-up/code").body());
        assertThat(withoutCsrf(nobody.get("/clinic/sign-up/code").body())).isEqualTo(page);
        assertThat(withoutCsrf(wrong.get("/clinic/sign-up/code").body())).isEqualTo(page);
        assertThat(page).contains("If these details match our records, we have sent a code to the e-mail address or"
                + " mobile phone we have on file. Enter it below.", "Didn&#39;t get it?");

        // The code step fails the same way for a non-match as for a wrong code.
        var matchWrong = match.post("/clinic/sign-up/code", "code", "2222-2222");
        var nobodyWrong = nobody.post("/clinic/sign-up/code", "code", "2222-2222");
        assertThat(matchWrong.statusCode()).isEqualTo(nobodyWrong.statusCode()).isEqualTo(422);
        assertThat(withoutCsrf(matchWrong.body())).isEqualTo(withoutCsrf(nobodyWrong.body())).contains("4 more tries");
        assertThat(sent.queuedTo("wrong-" + patient.email())).isZero();
    }

    @Test
    void aPatientWithAnAccountIsToldAtTheirContactsOnFileAndTheCodeStepFails() throws Exception {
        Account account = patients.patientWithAccount("clinic");
        Patient patient = patientOf(account);
        var browser = new FormSession(port);

        var answer = submitDetails(browser, "clinic", patient, Map.of("email", "someone-" + patient.email()));

        assertThat(FormSession.location(answer)).isEqualTo("/clinic/sign-up/code");
        SentMessages.Sent notice = sent.newest(patient.email());
        assertThat(notice.subject()).isEqualTo("You already have a Riverbend Clinic portal account");
        assertThat(notice.body()).contains("/clinic/forgot-username", "/clinic/forgot-password");
        assertThat(sent.queuedTo("someone-" + patient.email())).isZero();
        assertThat(browser.submit("/clinic/sign-up/code", "code", "2222-2222").statusCode()).isEqualTo(422);
    }

    @Test
    void fiveWrongCodesEndTheAttempt() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);
        submitDetails(browser, "clinic", patient, Map.of());
        String code = SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE);

        for (int left = 4; left >= 1; left--) {
            assertThat(browser.submit("/clinic/sign-up/code", "code", "2222-2222").body())
                    .contains("You have " + left + " more tries");
        }
        assertThat(browser.submit("/clinic/sign-up/code", "code", "2222-2222").body()).contains("That code no longer works");
        assertThat(browser.submit("/clinic/sign-up/code", "code", code).statusCode()).isEqualTo(422);
    }

    @Test
    void theOneTimeCodeExpiresAfterFifteenMinutes() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);
        submitDetails(browser, "clinic", patient, Map.of());
        String code = SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE);

        clock.advance(Duration.ofMinutes(16));

        assertThat(browser.submit("/clinic/sign-up/code", "code", code).body()).contains("That code no longer works");
    }

    @Test
    void theOneTimeCodeWorksOnlyInTheBrowserThatAskedForIt() throws Exception {
        Patient patient = patients.patient("clinic");
        submitDetails(new FormSession(port), "clinic", patient, Map.of());
        String code = SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE);

        var other = new FormSession(port);
        submitDetails(other, "clinic", patient, Map.of("familyName", "Nobody" + TestPatients.tag()));

        assertThat(other.submit("/clinic/sign-up/code", "code", code).statusCode()).isEqualTo(422);
    }

    // --- Throttling ---

    @Test
    void repeatedAttemptsForOnePersonAreThrottledAndTheWaitEnds() throws Exception {
        Patient patient = patients.patient("clinic");
        for (int i = 0; i < 5; i++) {
            assertThat(submitDetails(new FormSession(port), "clinic", patient, Map.of("recordNumber", "T-WRONG-" + i))
                    .statusCode()).isEqualTo(302);
        }

        var sixth = submitDetails(new FormSession(port), "clinic", patient, Map.of());

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Too many tries. Please wait 3 minute(s)");
        assertThat(sixth.headers().firstValue("Retry-After")).hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
        clock.advance(Duration.ofSeconds(Long.parseLong(sixth.headers().firstValue("Retry-After").orElseThrow())));
        assertThat(FormSession.location(submitDetails(new FormSession(port), "clinic", patient, Map.of())))
                .isEqualTo("/clinic/sign-up/code");
    }

    @Test
    void oneAddressIsThrottledAfterTwentyAttempts() throws Exception {
        for (int i = 0; i < 20; i++) {
            Patient stranger = patients.patient("clinic");
            assertThat(submitDetails(new FormSession(port), "clinic", stranger, Map.of("recordNumber", "")).statusCode())
                    .as("attempt %d", i + 1).isEqualTo(302);
        }

        var next = submitDetails(new FormSession(port), "clinic", patients.patient("clinic"), Map.of());

        assertThat(next.statusCode()).isEqualTo(429);
        clock.advance(Duration.ofMinutes(15));
        assertThat(submitDetails(new FormSession(port), "clinic", patients.patient("clinic"), Map.of()).statusCode())
                .isEqualTo(302);
    }

    // --- Steps and choices ---

    @Test
    void theStepsCannotBeSkipped() throws Exception {
        Patient patient = patients.patient("clinic");
        var stranger = new FormSession(port);
        stranger.get("/clinic/sign-up");

        assertThat(FormSession.location(stranger.get("/clinic/sign-up/code"))).isEqualTo("/clinic/sign-up");
        assertThat(FormSession.location(stranger.get("/clinic/sign-up/account"))).isEqualTo("/clinic/sign-up");
        assertThat(FormSession.location(stranger.post("/clinic/sign-up/account", "username", "skip-" + TestPatients.tag(),
                "password", PASSWORD))).isEqualTo("/clinic/sign-up");
        assertThat(FormSession.location(stranger.get("/clinic/sign-up/done"))).isEqualTo("/clinic/sign-in");

        // Details sent, code not entered: the account step is still closed.
        submitDetails(stranger, "clinic", patient, Map.of());
        assertThat(FormSession.location(stranger.post("/clinic/sign-up/account", "username", "skip-" + TestPatients.tag(),
                "password", PASSWORD))).isEqualTo("/clinic/sign-up");
        // A sign-up of one organisation does not open another's steps.
        String code = SentMessages.code(sent.newest(patient.email()), SentMessages.RESET_CODE);
        assertThat(FormSession.location(stranger.submit("/clinic/sign-up/code", "code", code)))
                .isEqualTo("/clinic/sign-up/account");
        assertThat(FormSession.location(stranger.get("/health-system/sign-up/account"))).isEqualTo("/health-system/sign-up");
        assertThat(accounts.findByPatient(patient.id())).isEmpty();
    }

    @Test
    void aTakenOrStaffLookingUsernameIsRefused() throws Exception {
        Account existing = patients.patientWithAccount("clinic");
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);
        submitDetails(browser, "clinic", patient, Map.of("activationCode",
                activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code()));

        var taken = browser.submit("/clinic/sign-up/account", "username", existing.username().toUpperCase(),
                "password", PASSWORD);
        var staffLike = browser.submit("/clinic/sign-up/account", "username", "ab12345", "password", PASSWORD);
        var badCharacters = browser.submit("/clinic/sign-up/account", "username", "a b", "password", PASSWORD);

        assertThat(List.of(taken, staffLike)).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(answer.body()).contains("That username is not available. Choose another one.");
        });
        assertThat(badCharacters.statusCode()).isEqualTo(422);
        assertThat(badCharacters.body()).contains("Choose a username of 3 to 40 letters");
        assertThat(accounts.findByPatient(patient.id())).isEmpty();
    }

    @Test
    void aWeakPasswordIsRefusedWithItsReason() throws Exception {
        Patient patient = patients.patient("clinic");
        var browser = new FormSession(port);
        submitDetails(browser, "clinic", patient, Map.of("activationCode",
                activationCodes.issue(patient.id(), "clinic", ActivationCodes.Delivery.LETTER).code()));

        var weak = browser.submit("/clinic/sign-up/account", "username", "weak-" + TestPatients.tag(), "password", "short");
        var personal = browser.submit("/clinic/sign-up/account", "username", "weak-" + TestPatients.tag(),
                "password", patient.familyName() + "1961");

        assertThat(weak.statusCode()).isEqualTo(422);
        assertThat(weak.body()).contains("Choose a different password", "Use at least 12 characters");
        assertThat(personal.statusCode()).isEqualTo(422);
        assertThat(accounts.findByPatient(patient.id())).isEmpty();
    }

    @Test
    void aBadFormIsRefusedWithWhatToDoAndTheCodeIsNotShownBack() throws Exception {
        Patient patient = patients.patient("clinic");

        var badDate = submitDetails(new FormSession(port), "clinic", patient, Map.of("birthMonth", "13",
                "activationCode", "BBBB-CCCC-DDDD"));
        var noEmail = submitDetails(new FormSession(port), "clinic", patient, Map.of("email", "not-an-address"));

        assertThat(badDate.statusCode()).isEqualTo(422);
        assertThat(badDate.body()).contains("Enter your date of birth as month, day and year").doesNotContain("BBBB");
        assertThat(noEmail.statusCode()).isEqualTo(422);
        assertThat(noEmail.body()).contains("Enter your e-mail address");
    }

    @Test
    void theSignUpPageNamesTheOrganisationsRecordNumberAndSpeaksSpanish() throws Exception {
        var browser = new FormSession(port);

        assertThat(browser.get("/clinic/sign-up").body()).contains("Riverbend Clinic number (optional)");
        assertThat(browser.get("/health-system/sign-up?lang=es").body())
                .contains("Cree su cuenta del portal", "Número de expediente del Health System (opcional)");
        assertThat(new FormSession(port).get("/clinic/sign-in").body()).contains("href=\"/clinic/sign-up\"");
    }

    private HttpResponse<String> submitDetails(FormSession browser, String organizationId, Patient patient,
            Map<String, String> overrides) throws Exception {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("givenNames", patient.givenNames());
        fields.put("familyName", patient.familyName());
        fields.put("birthDay", Integer.toString(patient.dateOfBirth().getDayOfMonth()));
        fields.put("birthMonth", Integer.toString(patient.dateOfBirth().getMonthValue()));
        fields.put("birthYear", Integer.toString(patient.dateOfBirth().getYear()));
        fields.put("email", patient.email());
        fields.put("recordNumber", patient.recordNumberAt(organizationId).map(n -> n.value()).orElse(""));
        fields.put("mobile", "");
        fields.put("activationCode", "");
        fields.putAll(overrides);
        String[] pairs = fields.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                .toArray(String[]::new);
        return browser.submit("/" + organizationId + "/sign-up", pairs);
    }

    private void finishWithCode(FormSession browser, String code, Patient patient) throws Exception {
        assertThat(FormSession.location(browser.submit("/clinic/sign-up/code", "code", code)))
                .isEqualTo("/clinic/sign-up/account");
        String username = "proof-" + TestPatients.tag();
        assertThat(FormSession.location(browser.submit("/clinic/sign-up/account", "username", username,
                "password", PASSWORD))).isEqualTo("/clinic/sign-up/done");
        assertThat(accounts.findByPatient(patient.id()).orElseThrow().username()).isEqualTo(username);
        assertThat(FormSession.location(new FormSession(port).signIn("clinic", username, PASSWORD))).isEqualTo("/clinic/home?signed-in");
    }

    /** Sign-up codes queued for this address (the outbox keeps subjects after sending). */
    private long codesQueuedTo(String recipient) {
        return jdbc.sql("SELECT count(*) FROM notify_outbox WHERE recipient = ? AND subject LIKE '%sign-up code%'")
                .param(recipient).query(Long.class).single();
    }

    private Patient patientOf(Account account) {
        return registry.find(account.patientId()).orElseThrow();
    }

    private static String withoutCsrf(String page) {
        return page.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
    }
}
