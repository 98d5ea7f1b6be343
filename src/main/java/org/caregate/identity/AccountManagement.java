package org.caregate.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caregate.identity.internal.Accounts;
import org.caregate.identity.internal.PasswordSignIn;
import org.caregate.identity.internal.SignInSettings;
import org.caregate.identity.password.PasswordCheck;
import org.caregate.identity.password.PasswordHashing;
import org.caregate.identity.password.PasswordPolicy;
import org.caregate.identity.password.PasswordProblem;
import org.caregate.identity.settings.AccountContacts;
import org.caregate.identity.throttle.SignInThrottle;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneNumber;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens accounts, finds them, changes passwords and contacts, and lifts sign-in locks. */
@Service
public class AccountManagement {

    private final Accounts accounts;
    private final PasswordHashing hashing;
    private final SignInThrottle throttle;
    private final SignInSettings settings;
    private final PasswordSignIn signIns;
    private final AccountContacts contacts;
    private final PatientRegistry registry;
    private final PasswordPolicy passwords;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    AccountManagement(Accounts accounts, PasswordHashing hashing, SignInThrottle throttle, SignInSettings settings,
            PasswordSignIn signIns, AccountContacts contacts, PatientRegistry registry, PasswordPolicy passwords,
            ApplicationEventPublisher events, Clock clock) {
        this.passwords = passwords;
        this.signIns = signIns;
        this.contacts = contacts;
        this.registry = registry;
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

    /**
     * Opens the account of someone who helps a patient (a caregiver) and has no record of their own
     * here: a patient-portal account at {@code organizationId} without a registry entry. The caller
     * has proved the person received an invitation at {@code email}; the password is checked here
     * against the policy, with the username and e-mail as the person's own words. The organisation's
     * second-factor rules apply at the first sign-in, as for anyone.
     *
     * @throws UsernameTaken when the name is in use, or looks like a staff name
     * @throws PasswordRefused when the password does not meet the policy (nothing is stored)
     */
    @Transactional
    public Account openCaregiverAccount(String organizationId, String username, String email, String password) {
        if (!usernameAvailable(username)) {
            throw new UsernameTaken();
        }
        PasswordCheck check = passwords.check(password, List.of(username, email));
        if (!check.acceptable()) {
            throw new PasswordRefused(check.problems().stream().map(PasswordProblem::messageKey).toList());
        }
        Instant now = clock.instant();
        Account account = new Account(AccountId.random(), AccountKind.PATIENT, username.strip(), email.strip(), null,
                organizationId, null, Set.of(), now, now);
        insert(account, password, null);
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

    /**
     * The accounts someone means by a username or e-mail typed on the "forgot password" page: the
     * account with that username, else every account that uses the e-mail address (a family may
     * share one).
     */
    public List<Account> findForRecovery(String usernameOrEmail) {
        if (usernameOrEmail.isBlank()) {
            return List.of();
        }
        List<Account> byName = contacts.findByUsername(usernameOrEmail).stream().flatMap(id -> accounts.find(id).stream())
                .toList();
        return byName.isEmpty() ? findUsingEmail(usernameOrEmail) : byName;
    }

    /**
     * Accounts that use this e-mail address: as their own, or (for accounts without one) as their
     * patient's address in the registry.
     */
    public List<Account> findUsingEmail(String email) {
        List<Account> found = new ArrayList<>(accounts.findByEmail(email));
        for (Patient patient : registry.findByEmail(email)) {
            accounts.findByPatient(patient.id()).filter(a -> a.email() == null && !found.contains(a)).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /**
     * Accounts that use this phone number (+E.164): as their own, or (for accounts without one) as a
     * number of their patient in the registry.
     */
    public List<Account> findUsingPhone(String e164) {
        List<Account> found = new ArrayList<>(
                contacts.findByPhone(e164).stream().flatMap(id -> accounts.find(id).stream()).toList());
        for (Patient patient : registry.findByPhone(e164)) {
            accounts.findByPatient(patient.id()).filter(a -> a.phone() == null && !found.contains(a)).ifPresent(found::add);
        }
        return List.copyOf(found);
    }

    /**
     * Where the account's codes and notices go: its own e-mail and phone, each replaced by the
     * patient's registry contact when the account has none, with the person's preferences.
     */
    public ContactsOnFile contactsOnFile(AccountId id) {
        Account account = accounts.find(id).orElseThrow(() -> new IllegalArgumentException("No such account"));
        AccountContacts.Stored stored = contacts.find(id);
        String email = stored.email();
        PhoneNumber phone = stored.phone();
        if ((email == null || phone == null) && account.patientId() != null) {
            Optional<Patient> patient = registry.find(account.patientId());
            if (email == null) {
                email = patient.map(Patient::email).orElse(null);
            }
            if (phone == null) {
                phone = patient.flatMap(p -> p.mobile().or(() -> p.phones().stream().findFirst())).orElse(null);
            }
        }
        return new ContactsOnFile(id, email, phone, stored.preferences(), account.homeOrganizationId());
    }

    /**
     * Whether this is the account's password, e.g. before a signed-in person changes it. Costs the
     * same hashing work for an unknown account.
     */
    public boolean passwordMatches(AccountId id, String password) {
        Optional<Accounts.StoredCredentials> stored = accounts.find(id)
                .flatMap(account -> accounts.findForSignIn(account.username()))
                .filter(credentials -> credentials.account().id().equals(id));
        if (stored.isEmpty()) {
            hashing.matchesNothing(password);
            return false;
        }
        return hashing.matches(password, stored.get().passwordHash());
    }

    /** Sets the account's e-mail address; the caller has confirmed the person receives mail there. */
    public void changeEmail(AccountId id, String email) {
        contacts.changeEmail(id, email.strip());
    }

    /** Sets the account's phone; the caller has confirmed the person answers it. */
    public void changePhone(AccountId id, PhoneNumber phone) {
        contacts.changePhone(id, phone);
    }

    /** Saves how the person wants account notices, and in which language. */
    public void setContactPreferences(AccountId id, ContactPreferences preferences) {
        contacts.setPreferences(id, preferences);
    }

    private void insert(Account account, String password, @Nullable String phoneKind) {
        try {
            accounts.insert(account, hashing.hash(password), phoneKind);
        } catch (DuplicateKeyException e) {
            throw new UsernameTaken();
        }
    }
}
