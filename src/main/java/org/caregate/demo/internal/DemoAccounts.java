package org.caregate.demo.internal;

import java.time.Period;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.caregate.patient.Patient;
import org.caregate.mfa.ProvedPhones;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;

/**
 * The demo's sign-ins, listed in the README: one patient per organisation with a mobile phone, one
 * with only a landline, one who has not set up a second factor, the landline patient's adult child
 * (their caregiver, see {@link DemoCaregivers}), and one support agent. All share one password, which
 * a real deployment never has: the demo profile is never run in production.
 */
class DemoAccounts {

    static final String PASSWORD = "quiet-harbor-lantern-52";

    /** The landline patient's adult child, who helps them as a caregiver. */
    static final String CAREGIVER = "demo.caregiver";

    /** Demo patients whose mobile is already set up for second-factor codes (read them at /dev/outbox). */
    private static final List<String> ENROLLED = List.of("demo.clinic", "demo.healthsystem", CAREGIVER);

    private final AccountManagement accounts;
    private final ProvedPhones phones;

    DemoAccounts(AccountManagement accounts, ProvedPhones phones) {
        this.accounts = accounts;
        this.phones = phones;
    }

    /** Sets up the mobile of the demo patients who have a second factor (also in demo databases made before). */
    void enrolMissing() {
        for (String username : ENROLLED) {
            accounts.findForRecovery(username).stream().filter(account -> account.username().equals(username))
                    .filter(account -> account.phone() != null).findFirst()
                    .ifPresent(account -> phones.setIfNone(account.id(), PhoneNumber.parse(account.phone(), "US",
                            PhoneKind.MOBILE)));
        }
    }

    /** Opens the demo accounts unless they exist (they are opened together, in one transaction). */
    void openMissing(List<Patient> patients) {
        // An administrator, to try importing records; databases made before it existed get it now.
        if (accounts.usernameAvailable("ad10001")) {
            accounts.openStaffAccount("ad10001", "portal-admin@caregate.example", Set.of(StaffRole.ADMINISTRATOR),
                    PASSWORD);
        }
        if (accounts.usernameAvailable("demo.clinic") && !patients.isEmpty()) {
            open(patients, "demo.clinic", p -> homeIs(p, "clinic") && p.mobile().isPresent() && p.email() != null);
            open(patients, "demo.healthsystem", p -> homeIs(p, "health-system") && p.mobile().isPresent() && p.email() != null);
            open(patients, "demo.landline", p -> p.mobile().isEmpty() && !p.phones().isEmpty() && p.email() != null);
            open(patients, "demo.notenrolled", p -> homeIs(p, "clinic") && p.mobile().isPresent() && p.email() != null);
            accounts.openStaffAccount("sa10001", "portal-support@caregate.example", Set.of(StaffRole.SUPPORT), PASSWORD);
        }
        // The landline patient's adult child, at the same organisation; databases made before it existed get it now.
        if (accounts.usernameAvailable(CAREGIVER)) {
            accounts.findForRecovery("demo.landline").stream().filter(a -> a.username().equals("demo.landline"))
                    .map(Account::homeOrganizationId).filter(Objects::nonNull).findFirst()
                    .ifPresent(organization -> open(patients, CAREGIVER, p -> homeIs(p, organization)
                            && p.mobile().isPresent() && p.email() != null && adultChildAge(p)));
        }
    }

    /** Old enough to care for a parent in their seventies or eighties, young enough to be their child. */
    private static boolean adultChildAge(Patient patient) {
        int age = Period.between(patient.dateOfBirth(), DemoPatientGenerator.REFERENCE_DAY).getYears();
        return age >= 35 && age < 60;
    }

    private void open(List<Patient> patients, String username, Predicate<Patient> wanted) {
        Optional<Patient> patient = patients.stream()
                .filter(wanted)
                .filter(p -> accounts.findByPatient(p.id()).isEmpty())
                .findFirst();
        patient.ifPresent(p -> {
            String organization = p.recordNumbers().getFirst().organizationId();
            PhoneNumber phone = p.mobile().orElse(p.phones().isEmpty() ? null : p.phones().getFirst());
            accounts.openPatientAccount(p.id(), organization, username, p.email(), phone, PASSWORD);
        });
    }

    private static boolean homeIs(Patient patient, String organizationId) {
        return !patient.recordNumbers().isEmpty() && patient.recordNumbers().getFirst().organizationId().equals(organizationId);
    }
}
