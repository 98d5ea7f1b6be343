package org.caregate.patient;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the registry needs to register a patient. */
public record NewPatient(
        String givenNames,
        String familyName,
        LocalDate dateOfBirth,
        Sex sex,
        Address address,
        @Nullable String email,
        String preferredLanguage,
        List<PhoneNumber> phones,
        List<MedicalRecordNumber> recordNumbers) {

    public NewPatient {
        if (givenNames.isBlank() || familyName.isBlank()) {
            throw new IllegalArgumentException("A patient needs a legal given and family name");
        }
        phones = List.copyOf(phones);
        recordNumbers = List.copyOf(recordNumbers);
        long organizations = recordNumbers.stream().map(MedicalRecordNumber::organizationId).distinct().count();
        if (organizations != recordNumbers.size()) {
            throw new IllegalArgumentException("One record number per organisation");
        }
    }

    /** The patient as the registry knows them once registered under {@code id}. */
    Patient registeredAs(PatientId id) {
        return new Patient(id, givenNames, familyName, dateOfBirth, sex, address, email, preferredLanguage, phones,
                recordNumbers);
    }

    @Override
    public String toString() {
        return "NewPatient[withheld]";
    }
}
