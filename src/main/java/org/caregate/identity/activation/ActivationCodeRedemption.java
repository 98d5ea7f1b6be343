package org.caregate.identity.activation;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** The sign-up side of activation codes: checking a typed code, and using it up when the account opens. */
@Component
public class ActivationCodeRedemption {

    private final IssuedCodes codes;
    private final CodeHasher hasher;
    private final PatientRegistry registry;
    private final AccountManagement accounts;
    private final Clock clock;

    ActivationCodeRedemption(IssuedCodes codes, CodeHasher hasher, PatientRegistry registry, AccountManagement accounts,
            Clock clock) {
        this.codes = codes;
        this.hasher = hasher;
        this.registry = registry;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A code that may open the patient's account. */
    public record Redeemable(UUID codeId, PatientId patientId) {}

    /**
     * The code a person typed with their date of birth, if it works: issued by this organisation, not
     * used, not expired, not replaced by a newer one, for a patient born that day who has no account.
     * Anything else is simply "no", whatever the reason.
     */
    public Optional<Redeemable> check(String organizationId, String typed, LocalDate dateOfBirth) {
        String code = CodeAlphabet.normalise(typed);
        if (!CodeAlphabet.couldBeActivationCode(code)) {
            return Optional.empty();
        }
        return codes.findByHash(hasher.hash(code), clock.instant())
                .filter(IssuedCodes.Issued::working)
                .filter(issued -> issued.organizationId().equals(organizationId))
                .filter(issued -> registry.find(issued.patientId()).map(Patient::dateOfBirth)
                        .filter(dateOfBirth::equals).isPresent())
                .filter(issued -> accounts.findByPatient(issued.patientId()).isEmpty())
                .map(issued -> new Redeemable(issued.id(), issued.patientId()));
    }

    /**
     * Uses the code up, in the caller's transaction (the one that opens the account): false when it
     * no longer works, e.g. another browser used it a moment ago.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean use(UUID codeId) {
        return codes.markUsed(codeId, clock.instant());
    }

    /** Records which account the code opened. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void opened(UUID codeId, AccountId account) {
        codes.recordAccount(codeId, account);
    }
}
