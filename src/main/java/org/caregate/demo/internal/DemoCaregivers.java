package org.caregate.demo.internal;

import static org.caregate.demo.internal.DemoChart.concept;

import ca.uhn.fhir.context.FhirContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Basis;
import org.caregate.proxy.CareGrants;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The demo's caregivers, so that caregiver access can be tried from the demo accounts:
 * <ul>
 *   <li>{@code demo.clinic} is a parent, recorded by the support agent, of a child under 12 and of a
 *       teenager at their organisation. The teenager's record gains a health issue labelled
 *       restricted (anxiety, as an adolescent's mental-health care is), which the parent does not see;
 *       the child's record shows the parent everything.
 *   <li>{@code demo.landline}, an older patient, invited {@code demo.caregiver}, an adult child, to
 *       see test results (read only) and appointments (read and act); she accepted.
 * </ul>
 * Each part is added once, when its people have no grant yet, so demo databases made before get them
 * on their next start. Children are chosen by their age today; anyone missing (a small demo) is skipped.
 */
class DemoCaregivers {

    static final String PARENT = "demo.clinic";
    static final String OLDER_PATIENT = "demo.landline";
    static final String STAFF = "sa10001";

    /** Identifies what the demo adds to generated records for its caregivers. */
    static final String IDENTIFIERS = "urn:caregate:demo:caregivers";

    private final CareGrants grants;
    private final AccountManagement accounts;
    private final PatientRegistry registry;
    private final RecordImport imports;
    private final FhirContext fhir;
    private final Clock clock;

    DemoCaregivers(CareGrants grants, AccountManagement accounts, PatientRegistry registry, RecordImport imports,
            FhirContext fhir, Clock clock) {
        this.grants = grants;
        this.accounts = accounts;
        this.registry = registry;
        this.imports = imports;
        this.fhir = fhir;
        this.clock = clock;
    }

    /** Adds what is missing; returns how many grants it made. */
    int addMissing(List<Patient> demoPatients) {
        return parentOfChildren(demoPatients) + adultChild();
    }

    private int parentOfChildren(List<Patient> demoPatients) {
        Optional<Account> staff = account(STAFF);
        Optional<Account> parent = account(PARENT).filter(a -> a.patientId() != null && a.homeOrganizationId() != null);
        if (staff.isEmpty() || parent.isEmpty()) {
            return 0;
        }
        String organization = parent.get().homeOrganizationId();
        if (!grants.heldBy(parent.get().id(), organization).isEmpty()) {
            return 0;
        }
        String parentName = name(parent.get());
        LocalDate today = LocalDate.now(clock);
        int made = 0;
        // Young enough to stay a child, and a teenager, for a year or more of demos.
        Optional<Patient> child = youngest(demoPatients, organization, today, 3, 10);
        Optional<Patient> teen = youngest(demoPatients, organization, today, 12, 16);
        if (child.isPresent()) {
            grants.record(staff.get().id(), child.get().id(), organization, parent.get().id(), parentName,
                    Basis.PARENT_OF_MINOR, CareGrants.Terms.fullAccess(null));
            made++;
        }
        if (teen.isPresent()) {
            addConfidentialIssue(teen.get(), organization, today);
            grants.record(staff.get().id(), teen.get().id(), organization, parent.get().id(), parentName,
                    Basis.PARENT_OF_MINOR, CareGrants.Terms.fullAccess(null));
            made++;
        }
        return made;
    }

    private int adultChild() {
        Optional<Account> older = account(OLDER_PATIENT).filter(a -> a.patientId() != null && a.homeOrganizationId() != null);
        Optional<Account> child = account(DemoAccounts.CAREGIVER).filter(a -> a.patientId() != null);
        if (older.isEmpty() || child.isEmpty()) {
            return 0;
        }
        String organization = older.get().homeOrganizationId();
        if (!grants.ofPatient(older.get().patientId(), organization).isEmpty()) {
            return 0;
        }
        var terms = new CareGrants.Terms(false, Map.of(Area.RESULTS, Access.READ, Area.APPOINTMENTS, Access.ACT), null);
        String email = child.get().email() == null ? "caregiver@example.com" : child.get().email();
        var invitation = grants.invite(older.get().id(), older.get().patientId(), organization, name(child.get()), email,
                "adult-child", terms);
        grants.accept(invitation.grant().id(), child.get().id(), child.get().patientId());
        return 1;
    }

    /** The youngest demo patient known at the organisation, aged {@code from} to {@code to} today, without an account. */
    private Optional<Patient> youngest(List<Patient> patients, String organization, LocalDate today, int from, int to) {
        return patients.stream()
                .filter(p -> p.recordNumberAt(organization).isPresent())
                .filter(p -> {
                    int age = Period.between(p.dateOfBirth(), today).getYears();
                    return age >= from && age <= to;
                })
                .filter(p -> accounts.findByPatient(p.id()).isEmpty())
                .max(java.util.Comparator.comparing(Patient::dateOfBirth).thenComparing(p -> p.id().value()));
    }

    /** Anxiety on the problem list, labelled restricted, as the EHR sends an adolescent's mental-health care. */
    private void addConfidentialIssue(Patient teen, String organization, LocalDate today) {
        String number = teen.recordNumberAt(organization).orElseThrow().value();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        var person = new org.hl7.fhir.r4.model.Patient();
        person.addIdentifier().setSystem(RecordIdentifiers.mrnSystem(organization)).setValue(number);
        String subject = add(bundle, person);
        LocalDate onset = today.minusMonths(8);
        var issue = new Condition()
                .setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"))
                .setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed",
                        "Confirmed"))
                .addCategory(concept("http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item",
                        "Problem List Item"))
                .setCode(concept(DemoChart.SNOMED, DemoProblem.ANXIETY.code, DemoProblem.ANXIETY.display,
                        DemoProblem.ANXIETY.text))
                .setSubject(new Reference(subject))
                .setOnset(DemoChart.day(onset))
                .setRecordedDateElement(DemoChart.dateTime(onset.atTime(15, 30)));
        issue.addIdentifier().setSystem(IDENTIFIERS).setValue(organization + "." + number + ".confidential-issue");
        issue.getMeta().addSecurity(DemoChart.restricted());
        add(bundle, issue);
        ImportResult result = imports.importBundle(organization, fhir.newJsonParser().encodeResourceToString(bundle));
        if (!(result instanceof ImportResult.Imported)) {
            throw new IllegalStateException("The demo teenager's confidential item was refused");
        }
    }

    private static String add(Bundle bundle, Resource resource) {
        String url = "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(url).setResource(resource).setRequest(new Bundle.BundleEntryRequestComponent()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType()));
        return url;
    }

    private Optional<Account> account(String username) {
        return accounts.findForRecovery(username).stream().filter(a -> a.username().equals(username)).findFirst();
    }

    /** The name on the account's registry entry, as a grant shows the caregiver's name. */
    private String name(Account account) {
        return registry.find(account.patientId()).map(p -> p.givenNames() + " " + p.familyName()).orElse(account.username());
    }
}
