package org.caregate.proxy;

import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.caregate.identity.AccountKind;
import org.caregate.identity.PortalUser;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.internal.AccessRules;
import org.caregate.proxy.internal.Grants;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The one decision, made on every request, of whose data a signed-in person sees and what they may
 * do there: their own record, or that of a patient they help, within the grant as it stands now. A
 * grant revoked, ended or outgrown (the age rules, {@link AccessRules}) stops working on the next
 * request, in sessions already open too, because nothing of the decision is kept between requests
 * except which patient the person chose.
 */
@Service
public class CareAccess {

    /** The session attribute holding the patient the person chose to view. */
    static final String CHOSEN = CareAccess.class.getName() + ".chosen";

    private static final String HELPED = CareAccess.class.getName() + ".helped/";

    private final Grants grants;
    private final PatientRegistry registry;
    private final Clock clock;

    CareAccess(Grants grants, PatientRegistry registry, Clock clock) {
        this.grants = grants;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Whose data this request may show, for a page of {@code area} that needs {@code access}; a
     * caregiver's use is recorded for the patient to see.
     *
     * @param areas the page's areas; empty for a page that any grant may open (the home page)
     * @param what what the page or action is, for the patient's activity list (a request pattern)
     * @throws OtherPortal when the person signed in at another organisation's portal
     * @throws NoRecord when there is no record this person may see here
     * @throws NotAllowed when the person helps this patient but not in this area, or not to act
     */
    public Viewing decide(PortalUser user, String organizationId, List<Area> areas, Access access, String what,
            @Nullable HttpSession session) {
        Viewing viewing = current(user, organizationId, session);
        if (!areas.isEmpty() && areas.stream().noneMatch(area -> viewing.may(area, access))) {
            throw new NotAllowed(viewing);
        }
        if (!viewing.self() && viewing.relationship() != null) {
            Area used = areas.isEmpty() ? null : areas.stream().filter(a -> viewing.may(a, access)).findFirst().orElseThrow();
            if (used != null) {
                grants.recordActivity(viewing.relationship(), used, access, what, clock.instant());
            }
        }
        return viewing;
    }

    /**
     * The patient this person views now: the one they chose, if the grant still works; otherwise
     * themselves; or, for a caregiver without a record here, the first patient they help.
     */
    public Viewing current(PortalUser user, String organizationId, @Nullable HttpSession session) {
        if (user.kind() != AccountKind.PATIENT || user.organizationId() == null) {
            throw new NoRecord();
        }
        if (!user.organizationId().equals(organizationId)) {
            throw new OtherPortal(user.organizationId());
        }
        PatientId chosen = session == null ? null : (PatientId) session.getAttribute(CHOSEN);
        List<Viewing> helped = helped(user, organizationId).stream().map(Helped::viewing).toList();
        if (chosen != null && !chosen.equals(user.patientId())) {
            Optional<Viewing> found = helped.stream().filter(v -> v.patient().equals(chosen)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            // The grant ended or was revoked since the person chose this patient: they see nothing of it.
            session.removeAttribute(CHOSEN);
            throw new NotAllowed(null);
        }
        if (user.patientId() != null) {
            return self(user, organizationId);
        }
        return helped.stream().findFirst().orElseThrow(NoRecord::new);
    }

    /**
     * What an outside app approved by this person may see of a patient's record today, decided on
     * every call the app makes: the patients themselves, or a caregiver whose grant is still full (a
     * limited grant cannot share the record with an app).
     *
     * @throws NotAllowed when the person may no longer approve apps for this patient
     */
    public Viewing forApp(PortalUser user, String organizationId, PatientId patient) {
        if (user.kind() != AccountKind.PATIENT || !organizationId.equals(user.organizationId())) {
            throw new NotAllowed(null);
        }
        if (patient.equals(user.patientId())) {
            return self(user, organizationId);
        }
        return helped(user, organizationId).stream().map(Helped::viewing)
                .filter(v -> v.patient().equals(patient) && v.fullAccess())
                .findFirst().orElseThrow(() -> new NotAllowed(null));
    }

    /** Everyone whose record this person may switch to here: themselves first, then each patient they help. */
    public List<Person> people(PortalUser user, String organizationId) {
        List<Person> people = new ArrayList<>();
        if (user.kind() != AccountKind.PATIENT || !organizationId.equals(user.organizationId())) {
            return people;
        }
        if (user.patientId() != null) {
            people.add(new Person(user.patientId(), user.givenNames(), true));
        }
        for (Helped helped : helped(user, organizationId)) {
            people.add(new Person(helped.viewing().patient(), helped.name(), false));
        }
        return people;
    }

    /**
     * Switches this session to a patient's record.
     *
     * @throws NotAllowed when the person may not see that patient's record (nothing is changed)
     */
    public void choose(PortalUser user, String organizationId, PatientId patient, HttpSession session) {
        if (patient.equals(user.patientId()) && organizationId.equals(user.organizationId())) {
            session.removeAttribute(CHOSEN);
            return;
        }
        if (people(user, organizationId).stream().noneMatch(p -> !p.self() && p.patient().equals(patient))) {
            throw new NotAllowed(null);
        }
        session.setAttribute(CHOSEN, patient);
    }

    /** A person one may view: oneself or a patient one helps. */
    public record Person(PatientId patient, String name, boolean self) {}

    private static Viewing self(PortalUser user, String organizationId) {
        return Viewing.own(user.accountId(), java.util.Objects.requireNonNull(user.patientId()), organizationId);
    }

    /** A patient one helps, as a page views them, with the name the switcher shows. */
    private record Helped(Viewing viewing, String name, String sortName) {}

    /**
     * The grants this person can use here today, as viewings, by the patients' names. Read once per
     * request (the switcher and the page's decision both ask), never kept longer.
     */
    private List<Helped> helped(PortalUser user, String organizationId) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        String key = HELPED + user.accountId().value() + "/" + organizationId;
        if (request != null && request.getAttribute(key, RequestAttributes.SCOPE_REQUEST) instanceof List<?> known) {
            @SuppressWarnings("unchecked")
            List<Helped> helped = (List<Helped>) known;
            return helped;
        }
        List<Helped> helped = readHelped(user, organizationId);
        if (request != null) {
            request.setAttribute(key, helped, RequestAttributes.SCOPE_REQUEST);
        }
        return helped;
    }

    private List<Helped> readHelped(PortalUser user, String organizationId) {
        LocalDate today = LocalDate.now(clock);
        List<Helped> helped = new ArrayList<>();
        for (Grant grant : grants.heldBy(user.accountId(), organizationId)) {
            Patient patient = registry.find(grant.patient()).orElse(null);
            if (patient == null || patient.id().equals(user.patientId())) {
                continue;
            }
            GrantStatus status = AccessRules.status(grant, patient.dateOfBirth(), today, clock.instant(), clock.getZone());
            if (status.inUse() && helped.stream().noneMatch(h -> h.viewing().patient().equals(patient.id()))) {
                helped.add(new Helped(new Viewing(user.accountId(), patient.id(), organizationId, grant.id(),
                        AccessRules.allowed(grant), AccessRules.hidesConfidential(grant, patient.dateOfBirth(), today)),
                        patient.givenNames() + " " + patient.familyName(), patient.familyName() + " " + patient.givenNames()));
            }
        }
        helped.sort(Comparator.comparing(Helped::sortName));
        return List.copyOf(helped);
    }
    /** The person signed in at another organisation's portal: their pages are there. */
    public static final class OtherPortal extends RuntimeException {
        private final String organizationId;

        OtherPortal(String organizationId) {
            super(null, null, false, false);
            this.organizationId = organizationId;
        }

        public String organizationId() {
            return organizationId;
        }
    }

    /** There is no record this person may see at this portal. */
    public static final class NoRecord extends RuntimeException {
        NoRecord() {
            super(null, null, false, false);
        }
    }

    /** The person may not use this page for the patient they are viewing, or that patient no longer. */
    public static final class NotAllowed extends RuntimeException {
        private final transient @Nullable Viewing viewing;

        NotAllowed(@Nullable Viewing viewing) {
            super(null, null, false, false);
            this.viewing = viewing;
        }

        /** Whose record the person views, when they still may view it (only this page is not theirs to open). */
        public @Nullable Viewing viewing() {
            return viewing;
        }
    }
}
