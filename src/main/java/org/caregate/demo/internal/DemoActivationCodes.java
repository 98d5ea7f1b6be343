package org.caregate.demo.internal;

import java.util.List;
import org.caregate.identity.AccountManagement;
import org.caregate.identity.ActivationCodes;
import org.caregate.organization.Organization;
import org.caregate.patient.Patient;

/**
 * A few demo patients per organisation without accounts get an activation code, so the support
 * page's demo list has someone to pick (docs/DEMO.md). The codes go on "letters" that are never
 * printed or logged: a tester issues a fresh code by e-mail on the support page and reads it in
 * the dev outbox.
 */
class DemoActivationCodes {

    static final int PER_ORGANIZATION = 3;

    private final ActivationCodes codes;
    private final AccountManagement accounts;

    DemoActivationCodes(ActivationCodes codes, AccountManagement accounts) {
        this.codes = codes;
        this.accounts = accounts;
    }

    /** Issues codes unless the organisation's first patients without accounts have working ones. */
    void issueMissing(List<Patient> patients, List<Organization> organizations) {
        for (Organization organization : organizations) {
            patients.stream()
                    .filter(p -> !p.recordNumbers().isEmpty()
                            && p.recordNumbers().getFirst().organizationId().equals(organization.id()))
                    .filter(p -> p.email() != null && accounts.findByPatient(p.id()).isEmpty())
                    .limit(PER_ORGANIZATION)
                    .filter(p -> !codes.hasWorkingCode(p.id(), organization.id()))
                    .forEach(p -> codes.issue(p.id(), organization.id(), ActivationCodes.Delivery.LETTER));
        }
    }
}
