package org.caregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.caregate.identity.Account;
import org.caregate.identity.AccountManagement;
import org.caregate.patient.Address;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientRegistry;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.caregate.patient.Sex;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Makes unique patients and accounts for integration tests (tests share one database, so every
 * name, number and address carries a random tag). Import it with {@code @Import(TestPatients.class)}.
 */
@Component
public class TestPatients {

    public static final String PASSWORD = "amber-kettle-orchard-91";

    private final PatientRegistry registry;
    private final AccountManagement accounts;

    public TestPatients(PatientRegistry registry, AccountManagement accounts) {
        this.registry = registry;
        this.accounts = accounts;
    }

    public static String tag() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** A patient known at the organisation, with an e-mail and a mobile phone of their own. */
    public Patient patient(String organizationId) {
        return patient(organizationId, PhoneKind.MOBILE);
    }

    public Patient patient(String organizationId, PhoneKind phoneKind) {
        String tag = tag();
        int number = Math.floorMod(tag.hashCode(), 10_000);
        List<PhoneNumber> phones = new ArrayList<>();
        // A Spanish mobile (unique per tag), or a US landline in the fictional 555-01xx range.
        phones.add(phoneKind == PhoneKind.MOBILE
                ? PhoneNumber.parse("+34612" + "%06d".formatted(Math.floorMod(tag.hashCode(), 1_000_000)), "US", PhoneKind.MOBILE)
                : PhoneNumber.parse("+150755501" + "%02d".formatted(number % 100), "US", PhoneKind.LANDLINE));
        return registry.register(new NewPatient("Ana " + tag, "Quispe" + tag, LocalDate.of(1961, 4, 9), Sex.FEMALE,
                new Address("12 River St", null, "Rochester", "MN", "55901", "US"), tag + "@example.org", "en",
                phones, List.of(new MedicalRecordNumber(organizationId, "T" + tag.toUpperCase()))));
    }

    /** An account for the patient, with {@link #PASSWORD}. */
    public Account account(Patient patient, String username) {
        String organization = patient.recordNumbers().getFirst().organizationId();
        @Nullable PhoneNumber phone = patient.phones().isEmpty() ? null : patient.phones().getFirst();
        return accounts.openPatientAccount(patient.id(), organization, username, patient.email(), phone, PASSWORD);
    }

    /** A patient at the organisation with an account named {@code user-<tag>}. */
    public Account patientWithAccount(String organizationId) {
        Patient patient = patient(organizationId);
        return account(patient, "user-" + tag());
    }
}
