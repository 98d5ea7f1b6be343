package org.caregate.identity.signup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.UsernameTaken;
import org.caregate.identity.activation.ActivationCodeRedemption;
import org.caregate.identity.activation.CodeAlphabet;
import org.caregate.identity.password.PasswordCheck;
import org.caregate.identity.password.PasswordPolicy;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opening a patient account online. The person proves who they are with an activation code and
 * their date of birth, or with their legal name, date of birth and one thing on file (record number,
 * e-mail, mobile) followed by a one-time code sent to a contact already on file, never to one they
 * just typed. Until the code is entered, every answer is the same whether or not the details matched
 * anyone, or matched a patient who already has an account (who is told so at their contacts on file).
 */
@Service
class SignUp {

    static final int ONE_TIME_CODE_LENGTH = 8;

    private final PatientRegistry registry;
    private final Organizations organizations;
    private final AccountManagement accounts;
    private final ActivationCodeRedemption activationCodes;
    private final SignUpVerifications verifications;
    private final SignUpThrottle throttle;
    private final CodeAlphabet alphabet;
    private final PasswordPolicy passwords;
    private final Notifications notifications;
    private final MessageSource messages;
    private final SignUpSettings settings;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String publicBaseUrl;

    SignUp(PatientRegistry registry, Organizations organizations, AccountManagement accounts, ActivationCodeRedemption activationCodes,
            SignUpVerifications verifications, SignUpThrottle throttle, CodeAlphabet alphabet, PasswordPolicy passwords,
            Notifications notifications, MessageSource messages, SignUpSettings settings,
            PlatformTransactionManager transactions, Clock clock,
            @Value("${caregate.public-base-url:}") String publicBaseUrl) {
        this.registry = registry;
        this.organizations = organizations;
        this.accounts = accounts;
        this.activationCodes = activationCodes;
        this.verifications = verifications;
        this.throttle = throttle;
        this.alphabet = alphabet;
        this.passwords = passwords;
        this.notifications = notifications;
        this.messages = messages;
        this.settings = settings;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** What became of the first page. */
    sealed interface Started {

        /** The activation code and date of birth matched: choose a username and password next. */
        record Verified(SignUpAttempt attempt) implements Started {}

        /** No activation code: "if these details match, we sent a code" (whether or not they did). */
        record CodeSent(SignUpAttempt attempt) implements Started {}

        /** The activation code and date of birth match no working code of this organisation. */
        record CodeRefused() implements Started {}

        /** Too many attempts lately, from this address or for these details. */
        record Wait(Duration retryAfter) implements Started {}
    }

    /** What became of an entered one-time code. */
    sealed interface Entered {

        record Accepted(SignUpAttempt attempt) implements Entered {}

        record Wrong(int triesLeft) implements Entered {}

        /** No code waits for this attempt: expired, out of tries, or the details matched nobody's. */
        record NoCode() implements Entered {}
    }

    /** What became of the chosen username and password. */
    sealed interface Finished {

        record Opened(Account account) implements Finished {}

        /** The username is in use, or looks like a staff name. */
        record UsernameRefused() implements Finished {}

        record PasswordRefused(PasswordCheck check) implements Finished {}

        /** The code was used meanwhile (another browser), or expired: start again. */
        record NoLongerWorks() implements Finished {}
    }

    Started start(SignUpDetails details, Organization organization, String clientAddress, Locale locale) {
        Duration wait = throttle.attempt(clientAddress, organization.id(), details.dateOfBirth(), details.familyName());
        if (!wait.isZero()) {
            return new Started.Wait(wait);
        }
        String sessionToken = SessionTokens.random(alphabet);
        if (details.activationCode() != null) {
            return activationCodes.check(organization.id(), details.activationCode(), details.dateOfBirth())
                    .<Started>map(code -> new Started.Verified(new SignUpAttempt(UUID.randomUUID(), organization.id(),
                            sessionToken, SignUpAttempt.Stage.VERIFIED, code.patientId(), code.codeId(),
                            details.email())))
                    .orElseGet(Started.CodeRefused::new);
        }
        SignUpAttempt attempt = new SignUpAttempt(UUID.randomUUID(), organization.id(), sessionToken,
                SignUpAttempt.Stage.CODE_SENT, null, null, details.email());
        transaction.executeWithoutResult(status -> proof(details, organization, attempt, locale));
        return new Started.CodeSent(attempt);
    }

    Entered enter(SignUpAttempt attempt, String typed) {
        Instant now = clock.instant();
        byte[] session = SessionTokens.sha256(attempt.sessionToken());
        Optional<SignUpVerifications.Waiting> waiting = verifications.waiting(attempt.id(), session,
                attempt.organizationId(), now, settings.codeTries());
        if (waiting.isEmpty()) {
            return new Entered.NoCode();
        }
        SignUpVerifications.Waiting code = waiting.get();
        boolean right = MessageDigest.isEqual(hash(code.salt(), CodeAlphabet.normalise(typed)), code.hash());
        if (right && code.patientId() != null
                && verifications.markVerified(code.id(), now, now.plus(settings.codeLifetime()))) {
            return new Entered.Accepted(attempt.verified(code.patientId()));
        }
        verifications.countWrongTry(code.id());
        int triesLeft = settings.codeTries() - 1 - code.tries();
        return triesLeft <= 0 ? new Entered.NoCode() : new Entered.Wrong(triesLeft);
    }

    /** Refuses an unusable username or password; otherwise opens the account and uses up the proof, at once. */
    Finished finish(SignUpAttempt attempt, Organization organization, String username, String password, Locale locale) {
        PatientId patientId = attempt.patientId();
        Patient patient = patientId == null ? null : registry.find(patientId).orElse(null);
        if (attempt.stage() != SignUpAttempt.Stage.VERIFIED || patient == null) {
            return new Finished.NoLongerWorks();
        }
        if (!accounts.usernameAvailable(username)) {
            return new Finished.UsernameRefused();
        }
        PasswordCheck check = passwords.check(password, List.of(username, attempt.email(), patient.givenNames(),
                patient.familyName(), Integer.toString(patient.dateOfBirth().getYear()), organization.name()));
        if (!check.acceptable()) {
            return new Finished.PasswordRefused(check);
        }
        try {
            Account account = transaction.execute(status -> open(attempt, patient, username, password));
            return account == null ? new Finished.NoLongerWorks() : new Finished.Opened(account);
        } catch (UsernameTaken e) {
            return new Finished.UsernameRefused();
        } catch (ProofUsed e) {
            return new Finished.NoLongerWorks();
        }
    }

    /** In one transaction: the proof used up (exactly one of two racing browsers gets it), the account, the notices. */
    private Account open(SignUpAttempt attempt, Patient patient, String username, String password) {
        Instant now = clock.instant();
        UUID codeId = attempt.activationCodeId();
        boolean used = codeId != null ? activationCodes.use(codeId)
                : verifications.markCompleted(attempt.id(), SessionTokens.sha256(attempt.sessionToken()), now);
        if (!used || accounts.findByPatient(patient.id()).isPresent()) {
            throw new ProofUsed();
        }
        PhoneNumber mobile = patient.mobile().orElse(null);
        Account account = accounts.openPatientAccount(patient.id(), attempt.organizationId(), username.strip(),
                attempt.email(), mobile, password);
        if (codeId != null) {
            activationCodes.opened(codeId, account.id());
        }
        tellAccountOpened(patient, account, attempt.organizationId());
        return account;
    }

    /** Matches the details against the registry and sends the code, or the "you have an account" notice, or nothing. */
    private void proof(SignUpDetails details, Organization organization, SignUpAttempt attempt, Locale pageLocale) {
        Instant now = clock.instant();
        Patient patient = matchingPatient(details, organization.id()).orElse(null);
        PatientId codeFor = null;
        if (patient != null && (patient.email() != null || patient.mobile().isPresent())) {
            Locale locale = Locale.forLanguageTag(patient.preferredLanguage());
            if (accounts.findByPatient(patient.id()).isPresent()) {
                tellAlreadyHasAccount(patient, organization, locale);
            } else {
                codeFor = patient.id();
            }
        }
        String code = alphabet.randomCode(ONE_TIME_CODE_LENGTH);
        byte[] salt = alphabet.randomBytes(16);
        // A decoy row for no match: the next page, and wrong codes typed there, answer the same.
        verifications.insert(attempt.id(), SessionTokens.sha256(attempt.sessionToken()), organization.id(), codeFor, salt,
                hash(salt, code), now, now.plus(settings.codeLifetime()));
        if (codeFor != null) {
            sendCode(patient, organization, CodeAlphabet.grouped(code), Locale.forLanguageTag(patient.preferredLanguage()));
        }
    }

    /**
     * The one patient known at this organisation whose legal name and date of birth match, and whose
     * record number, e-mail or mobile on file is what was typed. Two such patients (it happens with
     * twins who share an e-mail) match nobody: the person is asked for an activation code instead.
     */
    Optional<Patient> matchingPatient(SignUpDetails details, String organizationId) {
        // The registry ignores accents both ways: "Munoz" typed finds "Muñoz" on file, and the reverse.
        List<Patient> candidates = registry.findByFamilyNameAndBirthDate(details.familyName(), details.dateOfBirth());
        List<Patient> matches = new ArrayList<>();
        for (Patient patient : candidates) {
            if (patient.recordNumberAt(organizationId).isPresent()
                    && NameMatch.sameName(details.familyName(), patient.familyName())
                    && NameMatch.sameGivenNames(details.givenNames(), patient.givenNames())
                    && onFile(details, patient, organizationId)) {
                matches.add(patient);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    private static boolean onFile(SignUpDetails details, Patient patient, String organizationId) {
        boolean recordNumber = details.recordNumber() != null && patient.recordNumberAt(organizationId)
                .filter(n -> n.value().equals(details.recordNumber().strip().toUpperCase(Locale.ROOT))).isPresent();
        boolean email = patient.email() != null && patient.email().strip().equalsIgnoreCase(details.email().strip());
        boolean mobile = details.mobile() != null && patient.phones().stream()
                .filter(PhoneNumber::canReceiveTexts).anyMatch(p -> p.e164().equals(details.mobile().e164()));
        return recordNumber || email || mobile;
    }

    private void sendCode(Patient patient, Organization organization, String code, Locale locale) {
        Object[] args = {organization.name(), code, settings.codeLifetime().toMinutes(), organization.supportPhoneDisplay()};
        sendToFile(patient, "signup.mail.code.subject", "signup.mail.code.body", "signup.text.code", args, locale);
    }

    private void tellAlreadyHasAccount(Patient patient, Organization organization, Locale locale) {
        Object[] args = {organization.name(), address(organization, "forgot-username"),
                address(organization, "forgot-password"), organization.supportPhoneDisplay()};
        sendToFile(patient, "signup.mail.hasAccount.subject", "signup.mail.hasAccount.body", "signup.text.hasAccount",
                args, locale);
    }

    /** "Your account was created": to the contacts on file, and to the account's own e-mail if that is another. */
    private void tellAccountOpened(Patient patient, Account account, String organizationId) {
        Organization organization = organizations.get(organizationId);
        Locale locale = Locale.forLanguageTag(patient.preferredLanguage());
        Object[] args = {organization.name(), account.username(), address(organization, "sign-in"),
                organization.supportPhoneDisplay()};
        sendToFile(patient, "signup.mail.created.subject", "signup.mail.created.body", "signup.text.created", args,
                locale);
        if (account.email() != null && !account.email().equalsIgnoreCase(patient.email())) {
            notifications.queue(OutgoingMessage.email(account.email(),
                    messages.getMessage("signup.mail.created.subject", args, locale),
                    messages.getMessage("signup.mail.created.body", args, locale)));
        }
    }

    private void sendToFile(Patient patient, String subjectKey, String bodyKey, String textKey, Object[] args,
            Locale locale) {
        if (patient.email() != null) {
            notifications.queue(OutgoingMessage.email(patient.email(), messages.getMessage(subjectKey, args, locale),
                    messages.getMessage(bodyKey, args, locale)));
        }
        patient.mobile().ifPresent(mobile -> notifications.queue(
                OutgoingMessage.text(mobile.e164(), messages.getMessage(textKey, args, locale))));
    }

    private String address(Organization organization, String page) {
        return publicBaseUrl + "/" + organization.id() + "/" + page;
    }

    private static byte[] hash(byte[] salt, String code) {
        MessageDigest digest = SessionTokens.sha256Digest();
        digest.update(salt);
        return digest.digest(code.getBytes(StandardCharsets.UTF_8));
    }

    /** The proof was used up meanwhile: rolls the account back. */
    private static final class ProofUsed extends RuntimeException {
        ProofUsed() {
            super("Sign-up proof no longer works", null, false, false);
        }
    }
}
