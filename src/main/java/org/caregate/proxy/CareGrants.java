package org.caregate.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.AccountId;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.internal.AccessRules;
import org.caregate.proxy.internal.Grants;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Making, changing and ending grants: a patient's invitation, its acceptance, a grant staff record
 * after paperwork, a change of what it allows, a revocation. Each takes effect on the caregiver's
 * next request ({@link CareAccess} reads the grant every time) and publishes an event for the audit
 * trail. Whether the person asking may do it (the patient themselves, or staff with the role) is the
 * caller's check; the grant's patient and organisation are always given by the caller, never read
 * from the request.
 */
@Service
public class CareGrants {

    /** How long an invitation's code works. */
    public static final Duration INVITATION_LIFETIME = Duration.ofDays(14);

    /** Letters and digits that cannot be mistaken for each other when read aloud or typed. */
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private static final int CODE_LENGTH = 12;

    private final Grants grants;
    private final PatientRegistry registry;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CareGrants(Grants grants, PatientRegistry registry, ApplicationEventPublisher events, Clock clock) {
        this.grants = grants;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
    }

    /** What a grant allows: every area, or the chosen ones; and until when. */
    public record Terms(boolean full, Map<Area, Access> permissions, @Nullable LocalDate endsOn) {

        public Terms {
            permissions = full ? Map.of() : Map.copyOf(permissions);
            if (!full && permissions.isEmpty()) {
                throw new IllegalArgumentException("A limited grant names at least one area");
            }
        }

        public static Terms fullAccess(@Nullable LocalDate endsOn) {
            return new Terms(true, Map.of(), endsOn);
        }
    }

    /** An invitation made, with its code: shown to nobody but the e-mail to the invitee. */
    public record Invitation(Grant grant, String code) {}

    /**
     * A patient invites someone by e-mail. The code goes only into the e-mail to the invitee.
     *
     * @param relationship a key of the {@code proxy.relationship.*} messages ("spouse", "adult-child"...)
     */
    @Transactional
    public Invitation invite(AccountId patientAccount, PatientId patient, String organizationId, String proxyName,
            String email, String relationship, Terms terms) {
        String code = newCode();
        Instant now = clock.instant();
        Grant grant = new Grant(UUID.randomUUID(), patient, organizationId, null, Basis.INVITED, relationship,
                proxyName, terms.full(), terms.permissions(), terms.endsOn(), email, now.plus(INVITATION_LIFETIME),
                patientAccount, now, null, null);
        grants.insert(grant, hash(code));
        events.publishEvent(new CareAccessChanged(grant.id(), patient, organizationId, patientAccount,
                CareAccessChanged.Change.INVITED, now));
        return new Invitation(grant, code);
    }

    /** The invitation a typed code belongs to, while it still works (not accepted, revoked or expired). */
    public Optional<Grant> invitation(String typedCode) {
        String code = normalise(typedCode);
        if (code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        return grants.byInviteCode(hash(code)).filter(g -> status(g) == GrantStatus.INVITED);
    }

    /**
     * The invitee accepts with their own account: from now on it is theirs.
     *
     * @return false when the invitation was used, revoked or expired meanwhile, or is the patient's own
     */
    @Transactional
    public boolean accept(UUID invitation, AccountId proxy, @Nullable PatientId proxysOwnRecord) {
        Optional<Grant> grant = grants.find(invitation).filter(g -> status(g) == GrantStatus.INVITED);
        if (grant.isEmpty() || grant.get().patient().equals(proxysOwnRecord)) {
            return false;
        }
        Instant now = clock.instant();
        if (!grants.accept(invitation, proxy, now)) {
            return false;
        }
        events.publishEvent(new CareAccessChanged(invitation, grant.get().patient(), grant.get().organizationId(), proxy,
                CareAccessChanged.Change.ACCEPTED, now));
        return true;
    }

    /** Staff record a grant after paperwork, for an account that exists: in use at once. */
    @Transactional
    public Grant record(AccountId staff, PatientId patient, String organizationId, AccountId proxy, String proxyName,
            Basis basis, Terms terms) {
        if (!basis.recordedByStaff()) {
            throw new IllegalArgumentException("Staff record a parent, guardian or power of attorney");
        }
        Instant now = clock.instant();
        Grant grant = new Grant(UUID.randomUUID(), patient, organizationId, proxy, basis, basis.name().toLowerCase(),
                proxyName, terms.full(), terms.permissions(), terms.endsOn(), null, null, staff, now, now, null);
        grants.insert(grant, null);
        events.publishEvent(new CareAccessChanged(grant.id(), patient, organizationId, staff,
                CareAccessChanged.Change.RECORDED, now));
        return grant;
    }

    /** Changes what a grant allows, and until when; effective on the caregiver's next request. */
    @Transactional
    public void change(UUID grant, AccountId by, Terms terms) {
        Grant found = grants.find(grant).orElseThrow();
        Instant now = clock.instant();
        grants.changePermissions(grant, terms.full(), terms.permissions(), terms.endsOn(), by, now);
        events.publishEvent(new CareAccessChanged(grant, found.patient(), found.organizationId(), by,
                CareAccessChanged.Change.CHANGED, now));
    }

    /** Ends a grant (or cancels an invitation) at once, open sessions included. False when it had already ended. */
    @Transactional
    public boolean revoke(UUID grant, AccountId by) {
        Grant found = grants.find(grant).orElseThrow();
        Instant now = clock.instant();
        if (!grants.revoke(grant, by, now)) {
            return false;
        }
        events.publishEvent(new CareAccessChanged(grant, found.patient(), found.organizationId(), by,
                CareAccessChanged.Change.REVOKED, now));
        return true;
    }

    public Optional<Grant> find(UUID grant) {
        return grants.find(grant);
    }

    /** Every grant of a patient's at an organisation, current or not, newest first. */
    public List<Grant> ofPatient(PatientId patient, String organizationId) {
        return grants.ofPatient(patient, organizationId);
    }

    /** The grants a caregiver holds at an organisation (accepted and not revoked; some may have ended). */
    public List<Grant> heldBy(AccountId proxy, String organizationId) {
        return grants.heldBy(proxy, organizationId);
    }

    /** Where a grant stands today, with the patient's age from the registry. */
    public GrantStatus status(Grant grant) {
        LocalDate dateOfBirth = registry.find(grant.patient()).orElseThrow().dateOfBirth();
        return AccessRules.status(grant, dateOfBirth, LocalDate.now(clock), clock.instant(), clock.getZone());
    }

    /** One thing a caregiver did with a grant. */
    public record Activity(UUID grant, Area area, Access access, String what, Instant at) {}

    /** What caregivers did with these grants, newest first. */
    public List<Activity> activity(List<UUID> grantIds, int limit) {
        return grants.activity(grantIds, limit).stream()
                .map(a -> new Activity(a.relationship(), a.area(), a.access(), a.what(), a.at())).toList();
    }

    private String newCode() {
        char[] code = new char[CODE_LENGTH];
        for (int i = 0; i < code.length; i++) {
            code[i] = CODE_ALPHABET[random.nextInt(CODE_ALPHABET.length)];
        }
        return new String(code);
    }

    /** Upper case, without the spaces and dashes people type or the e-mail shows. */
    private static String normalise(String typed) {
        return typed.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
