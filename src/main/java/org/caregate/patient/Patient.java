package org.caregate.patient;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A patient as the registry knows them. {@link #toString()} shows only the id: a patient must never
 * end up in a log line by accident.
 */
public record Patient(
        PatientId id,
        String givenNames,
        String familyName,
        LocalDate dateOfBirth,
        Sex sex,
        Address address,
        @Nullable String email,
        String preferredLanguage,
        List<PhoneNumber> phones,
        List<MedicalRecordNumber> recordNumbers) {

    public Patient {
        phones = List.copyOf(phones);
        recordNumbers = List.copyOf(recordNumbers);
    }

    public String legalName() {
        return givenNames + " " + familyName;
    }

    /** The first mobile number on file, which can receive texts. */
    public Optional<PhoneNumber> mobile() {
        return phones.stream().filter(PhoneNumber::canReceiveTexts).findFirst();
    }

    /** This patient's record number at the organisation, if they are known there. */
    public Optional<MedicalRecordNumber> recordNumberAt(String organizationId) {
        return recordNumbers.stream().filter(n -> n.organizationId().equals(organizationId)).findFirst();
    }

    @Override
    public String toString() {
        return "Patient[" + id + "]";
    }
}
