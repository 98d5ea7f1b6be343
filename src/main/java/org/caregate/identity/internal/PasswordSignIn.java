package org.caregate.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.caregate.identity.Account;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountKind;
import org.caregate.identity.SignInFailed;
import org.caregate.identity.SignInMethod;
import org.caregate.identity.password.PasswordHashing;
import org.caregate.identity.throttle.SignInThrottle;
import org.caregate.identity.throttle.ThrottleKeys;
import org.caregate.identity.throttle.Verdict;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.PatientRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The password step of signing in. An unknown name costs the same Argon2id work and gets the same
 * answer as a wrong password, and both count against the same throttle, so neither the answer nor
 * its timing tells whether an account exists.
 */
@Service
public class PasswordSignIn {

    private final Accounts accounts;
    private final Devices devices;
    private final PasswordHashing hashing;
    private final SignInThrottle throttle;
    private final SignInSettings settings;
    private final PatientRegistry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PasswordSignIn(Accounts accounts, Devices devices, PasswordHashing hashing, SignInThrottle throttle,
            SignInSettings settings, PatientRegistry registry, ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.devices = devices;
        this.hashing = hashing;
        this.throttle = throttle;
        this.settings = settings;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One attempt.
     *
     * @param organizationId the organisation whose page was used; {@code null} for the staff page
     * @param deviceToken the browser's device cookie, if it has one
     */
    public SignInOutcome attempt(@Nullable String organizationId, String identifier, String password,
            String clientAddress, @Nullable String deviceToken, @Nullable String userAgent) {
        boolean staffPage = organizationId == null;
        if (!staffPage && settings.looksLikeStaff(identifier)) {
            return new SignInOutcome.WrongKindOfPage();
        }
        Optional<Accounts.StoredCredentials> found = identifier.isBlank() ? Optional.empty() : accounts.findForSignIn(identifier);
        byte[] deviceHash = deviceToken == null ? null : Devices.hash(deviceToken);
        String recognised = found.isPresent() && deviceHash != null && devices.known(found.get().account().id(), deviceHash)
                ? Devices.hex(deviceHash) : null;
        ThrottleKeys keys = new ThrottleKeys(
                found.map(c -> throttleKey(c.account())).orElseGet(
                        () -> "unknown:" + Devices.hex(Devices.hash(Accounts.key(identifier)))),
                clientAddress, recognised);

        Verdict before = throttle.check(keys);
        if (!(before instanceof Verdict.Allowed)) {
            found.ifPresent(c -> failed(c.account(), before, userAgent));
            return refusal(before);
        }
        if (found.isEmpty()) {
            hashing.matchesNothing(password);
            return refusal(throttle.failed(keys));
        }
        Accounts.StoredCredentials credentials = found.get();
        Account account = credentials.account();
        if (!hashing.matches(password, credentials.passwordHash())) {
            Verdict after = throttle.failed(keys);
            failed(account, after instanceof Verdict.Locked ? after : new Verdict.Allowed(), userAgent);
            return refusal(after);
        }
        throttle.succeeded(keys);
        if (hashing.needsRehash(credentials.passwordHash())) {
            accounts.updatePasswordHash(account.id(), hashing.hash(password));
        }
        if (staffPage != account.isStaff()) {
            return new SignInOutcome.WrongKindOfPage();
        }
        boolean newDevice = deviceHash == null || recognised == null;
        if (staffPage) {
            return new SignInOutcome.Succeeded(account, null, false, newDevice);
        }
        // The registry is asked only when the page is not the account's own organisation's.
        boolean wrongPortal = !organizationId.equals(account.homeOrganizationId())
                && !organizationsOf(account).contains(organizationId);
        String portal = wrongPortal ? account.homeOrganizationId() : organizationId;
        return new SignInOutcome.Succeeded(account, portal, wrongPortal, newDevice);
    }

    /** Where a patient account may use the portal: where it was opened, and wherever the patient has a record number. */
    public Set<String> organizationsOf(Account account) {
        Set<String> organizations = new TreeSet<>();
        if (account.homeOrganizationId() != null) {
            organizations.add(account.homeOrganizationId());
        }
        if (account.kind() == AccountKind.PATIENT && account.patientId() != null) {
            registry.find(account.patientId()).ifPresent(patient -> patient.recordNumbers().stream()
                    .map(MedicalRecordNumber::organizationId).forEach(organizations::add));
        }
        return organizations;
    }

    /** The throttle's key for a known account (unknown names get a hash of the name instead). */
    public static String throttleKey(Account account) {
        return "account:" + account.id();
    }

    /** Remembers the browser for this account; true when it had not signed in to it before. */
    public boolean rememberDevice(AccountId account, String deviceToken) {
        return devices.signedIn(account, Devices.hash(deviceToken), clock.instant());
    }

    private void failed(Account account, Verdict verdict, @Nullable String userAgent) {
        SignInFailed.Reason reason = switch (verdict) {
            case Verdict.Allowed allowed -> SignInFailed.Reason.WRONG_PASSWORD;
            case Verdict.Wait wait -> SignInFailed.Reason.THROTTLED;
            case Verdict.Locked locked -> SignInFailed.Reason.LOCKED;
        };
        Instant now = clock.instant();
        events.publishEvent(new SignInFailed(account.id(), SignInMethod.PASSWORD, now, reason, userAgent));
    }

    private static SignInOutcome refusal(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Allowed allowed -> new SignInOutcome.Refused();
            case Verdict.Wait wait -> new SignInOutcome.TooSoon(wait.retryAfter());
            case Verdict.Locked locked -> new SignInOutcome.Locked(locked.until(), locked.remaining());
        };
    }
}
