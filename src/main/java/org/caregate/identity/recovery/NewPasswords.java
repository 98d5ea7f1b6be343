package org.caregate.identity.recovery;

import java.util.ArrayList;
import java.util.List;
import org.caregate.identity.Account;
import org.caregate.identity.password.PasswordCheck;
import org.caregate.identity.password.PasswordPolicy;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.springframework.stereotype.Component;

/**
 * Checks a new password for an account against the {@link PasswordPolicy}, with the words a guesser
 * would try first: the username, the e-mail address, the patient's names and birth year, and the
 * organisation's name.
 */
@Component
public class NewPasswords {

    private final PasswordPolicy policy;
    private final PatientRegistry registry;
    private final Organizations organizations;

    NewPasswords(PasswordPolicy policy, PatientRegistry registry, Organizations organizations) {
        this.policy = policy;
        this.registry = registry;
        this.organizations = organizations;
    }

    public PasswordCheck check(String password, Account account) {
        List<String> personal = new ArrayList<>();
        personal.add(account.username());
        if (account.email() != null) {
            personal.add(account.email());
        }
        if (account.patientId() != null) {
            registry.find(account.patientId()).ifPresent(patient -> {
                personal.add(patient.givenNames());
                personal.add(patient.familyName());
                personal.add(Integer.toString(patient.dateOfBirth().getYear()));
            });
        }
        if (account.homeOrganizationId() != null) {
            organizations.find(account.homeOrganizationId()).ifPresent(organization -> personal.add(organization.name()));
        }
        return policy.check(password, personal);
    }
}
