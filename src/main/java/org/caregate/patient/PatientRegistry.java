package org.caregate.patient;

import java.time.Clock;
import java.time.LocalDate;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.caregate.organization.Organizations;
import org.caregate.patient.internal.Patients;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The patient registry: register patients and look them up by identifier. Lookups return the whole
 * patient; callers decide what a person may see.
 */
@Service
public class PatientRegistry {

    private final Patients patients;
    private final Organizations organizations;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PatientRegistry(Patients patients, Organizations organizations, ApplicationEventPublisher events, Clock clock) {
        this.patients = patients;
        this.organizations = organizations;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Patient register(NewPatient patient) {
        return registerAll(List.of(patient)).getFirst();
    }

    /**
     * Registers many patients in one transaction: all of them, or none when one is refused.
     *
     * @throws DuplicateRecordNumber when an organisation already gave one of the numbers to someone
     * @throws org.caregate.organization.UnknownOrganization when a number names an unknown organisation
     */
    @Transactional
    public List<Patient> registerAll(List<NewPatient> newPatients) {
        List<Map.Entry<PatientId, NewPatient>> entries = new ArrayList<>(newPatients.size());
        for (NewPatient patient : newPatients) {
            patient.recordNumbers().forEach(number -> organizations.get(number.organizationId()));
            entries.add(new SimpleEntry<>(PatientId.random(), patient));
        }
        try {
            patients.insert(entries, clock.instant());
        } catch (DuplicateKeyException e) {
            // The table's key (organisation, number) decides, for numbers in use and repeats within the batch.
            throw new DuplicateRecordNumber();
        }
        List<Patient> registered = new ArrayList<>(entries.size());
        for (var entry : entries) {
            registered.add(entry.getValue().registeredAs(entry.getKey()));
            events.publishEvent(new PatientRegistered(entry.getKey()));
        }
        return registered;
    }

    public Optional<Patient> find(PatientId id) {
        return patients.find(id);
    }

    /** The patient an organisation knows by this record number. */
    public Optional<Patient> findByRecordNumber(String organizationId, String recordNumber) {
        MedicalRecordNumber number;
        try {
            number = new MedicalRecordNumber(organizationId, recordNumber);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return patients.findByRecordNumber(number);
    }

    /** Patients with this e-mail address on file (family members sometimes share one). */
    public List<Patient> findByEmail(String email) {
        return patients.findByEmail(email);
    }

    /** Patients with this phone number on file, given in E.164 form. */
    public List<Patient> findByPhone(String e164) {
        return patients.findByPhone(e164);
    }

    /**
     * Patients with this family name and date of birth, for identity proofing. Names compare without
     * case, accents or punctuation ("munoz" finds "Muñoz", "Garcia Lopez" finds "García-López"); the
     * caller compares the candidates' names more strictly.
     */
    public List<Patient> findByFamilyNameAndBirthDate(String familyName, LocalDate dateOfBirth) {
        return patients.findByFamilyNameAndBirthDate(familyName, dateOfBirth);
    }

    public long count() {
        return patients.count();
    }
}
