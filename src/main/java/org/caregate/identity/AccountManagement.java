package org.caregate.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caregate.identity.internal.Accounts;
import org.caregate.identity.internal.PasswordSignIn;
import org.caregate.identity.internal.SignInSettings;
import org.caregate.identity.password.PasswordHashing;
import org.caregate.identity.throttle.SignInThrottle;
import org.caregate.patient.PatientId;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts, finds them, changes passwords and lifts sign-in locks. */
@Service
public class AccountManagement {

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final SignInThrottle throttle;
    private final SignInSettings settings;
    private final PasswordSignIn signIns;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountManagement(Accounts accounts, PasswordHashing hashing, SignInThrottle throttle, SignInSettings settings,
            PasswordSignIn signIns, ApplicationEventPublisher events, Clock clock) {
        this.signIns = signIns;
        this.accounts = accounts;
        this.hashing = hashing;
        this.throttle = throttle;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens a patient's account. The caller has proved the person's identity (activation code or
     * identity proofing) and checked the password against the policy.
     *
     * @throws UsernameTaken when the name is in use, or belongs to staff naming
     * @throws IllegalStateException when the patient already has an account
     */
    @Transactional
    public Account openPatientAccount(PatientId patient, String organizationId, String username, @Nullable String email,
            @Nullable PhoneNumber phone, String password) {
        if (settings.looksLikeStaff(username)) {
            throw new UsernameTaken();
        }
        if (accounts.findByPatient(patient).isPresent()) {
            throw new IllegalStateException("This patient already has an account");
        }
        Instant now = clock.instant();
        Account account = new Account(AccountId.random(), AccountKind.PATIENT, username.strip(), email,
                phone == null ? null : phone.e164(), organizationId, patient, Set.of(), now, now);
        insert(account, password, phone == null ? null : phone.kind().name());
        events.publishEvent(new AccountOpened(account.id(), account.kind(), now));
        return account;
    }

    /** Opens a staff account with its roles (administrators do this; the console comes later). */
    @Transactional
    public Account openStaffAccount(String username, String email, Set<StaffRole> roles, String password) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("A staff account needs at least one role");
        }
        Instant now = clock.instant();
        Account account = new Account(AccountId.random(), AccountKind.STAFF, username.strip(), email, null, null, null,
                roles, now, now);
        insert(account, password, null);
        events.publishEvent(new AccountOpened(account.id(), account.kind(), now));
        return account;
    }

    public Optional<Account> find(AccountId id) {
        return accounts.find(id);
    }

    public Optional<Account> findByPatient(PatientId patient) {
        return accounts.findByPatient(patient);
    }

    /** Accounts that use this e-mail address (family members may share one). */
    public List<Account> findByEmail(String email) {
        return accounts.findByEmail(email);
    }

    public boolean usernameAvailable(String username) {
        return !settings.looksLikeStaff(username) && !accounts.usernameTaken(username);
    }

    /** The organisations whose portal this account may use. */
    public Set<String> organizationsOf(Account account) {
        return signIns.organizationsOf(account);
    }

    /**
     * Sets a new password (already checked against the policy) and clears failed sign-ins, so a
     * reset never leaves the person locked out.
     */
    @Transactional
    public void setPassword(AccountId id, String password, PasswordChanged.How how) {
        Instant now = clock.instant();
        accounts.changePassword(id, hashing.hash(password), now);
        accounts.find(id).ifPresent(account -> throttle.unlock(PasswordSignIn.throttleKey(account)));
        events.publishEvent(new PasswordChanged(id, now, how));
    }

    /** Support: lifts a temporary sign-in lock at once (the person asked by phone, identity checked). */
    public void unlockSignIn(AccountId id) {
        Account account = accounts.find(id).orElseThrow(() -> new IllegalArgumentException("No such account"));
        throttle.unlock(PasswordSignIn.throttleKey(account));
    }

    private void insert(Account account, String password, @Nullable String phoneKind) {
        try {
            accounts.insert(account, hashing.hash(password), phoneKind);
        } catch (DuplicateKeyException e) {
            throw new UsernameTaken();
        }
    }
}
