package org.caregate.demo.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.StaffRole;
import org.caregate.patient.Patient;
import org.caregate.patient.PhoneNumber;

/**
 * The demo's sign-ins, listed in the README: one patient per organisation with a mobile phone, one
 * with only a landline, one who has not set up a second factor, and one support agent. All share
 * one password, which a real deployment never has: the demo profile is never run in production.
 */
class DemoAccounts {

    static final String PASSWORD = "quiet-harbor-lantern-52";

    private final AccountManagement accounts;

    DemoAccounts(AccountManagement accounts) {
        this.accounts = accounts;
    }

    /** Opens the demo accounts unless they exist (they are opened together, in one transaction). */
    void openMissing(List<Patient> patients) {
        if (!accounts.usernameAvailable("demo.clinic") || patients.isEmpty()) {
            return;
        }
        open(patients, "demo.clinic", p -> homeIs(p, "clinic") && p.mobile().isPresent() && p.email() != null);
        open(patients, "demo.healthsystem", p -> homeIs(p, "health-system") && p.mobile().isPresent() && p.email() != null);
        open(patients, "demo.landline", p -> p.mobile().isEmpty() && !p.phones().isEmpty() && p.email() != null);
        open(patients, "demo.notenrolled", p -> homeIs(p, "clinic") && p.mobile().isPresent() && p.email() != null);
        accounts.openStaffAccount("sa10001", "portal-support@caregate.example", Set.of(StaffRole.SUPPORT), PASSWORD);
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
