package org.caregate.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.caregate.IntegrationTest;
import org.caregate.organization.UnknownOrganization;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@IntegrationTest
class PatientRegistryIntegrationTests {

    @Autowired
    PatientRegistry registry;

    /** Unique per test so tests sharing the database never see each other's patients. */
    private final String tag = UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    private NewPatient patient(String family, List<MedicalRecordNumber> numbers) {
        return new NewPatient("Ana María", family, LocalDate.of(1950, 3, 14), Sex.FEMALE,
                new Address("12 River St", null, "Rochester", "MN", "55901", "US"),
                family.toLowerCase() + "@example.com", "es",
                List.of(PhoneNumber.parse("+1 507 555 0117", "US", PhoneKind.LANDLINE),
                        PhoneNumber.parse("+34612" + "%06d".formatted(Math.floorMod(tag.hashCode(), 1_000_000)), "US",
                                PhoneKind.MOBILE)),
                numbers);
    }

    @Test
    void aPatientIsFoundByTheirNumberAtEachOrganisation() {
        var registered = registry.register(patient("Núñez" + tag, List.of(
                new MedicalRecordNumber("clinic", "C" + tag), new MedicalRecordNumber("health-system", "HS" + tag))));

        assertThat(registry.findByRecordNumber("clinic", "C" + tag)).contains(registered);
        assertThat(registry.findByRecordNumber("health-system", " hs" + tag.toLowerCase() + " ")).contains(registered);
        // The clinic's number means nothing at the health system.
        assertThat(registry.findByRecordNumber("health-system", "C" + tag)).isEmpty();
        assertThat(registry.findByRecordNumber("clinic", "not a number!")).isEmpty();
    }

    @Test
    void aPatientIsFoundById_eMail_phoneAndNameWithBirthDate() {
        var registered = registry.register(patient("Okafor" + tag, List.of(new MedicalRecordNumber("clinic", "C" + tag))));

        assertThat(registry.find(registered.id())).contains(registered);
        assertThat(registry.find(PatientId.random())).isEmpty();
        assertThat(registry.findByEmail(("OKAFOR" + tag + "@EXAMPLE.COM").toUpperCase())).containsExactly(registered);
        assertThat(registry.findByPhone(registered.mobile().orElseThrow().e164())).contains(registered);
        assertThat(registry.findByFamilyNameAndBirthDate("okafor" + tag.toLowerCase(), LocalDate.of(1950, 3, 14)))
                .containsExactly(registered);
        assertThat(registry.findByFamilyNameAndBirthDate("okafor" + tag, LocalDate.of(1950, 3, 15))).isEmpty();
    }

    @Test
    void familyNamesAreFoundWhateverTheAccentsCaseAndPunctuationOnEitherSide() {
        var accented = registry.register(patient("Muñoz-Álvarez" + tag, List.of(new MedicalRecordNumber("clinic", "M" + tag))));
        var plain = registry.register(patient("Ibanez" + tag, List.of(new MedicalRecordNumber("clinic", "I" + tag))));
        LocalDate born = LocalDate.of(1950, 3, 14);

        assertThat(registry.findByFamilyNameAndBirthDate("munoz alvarez" + tag.toLowerCase(), born)).containsExactly(accented);
        assertThat(registry.findByFamilyNameAndBirthDate("MUÑOZ-ÁLVAREZ" + tag.toUpperCase(), born)).containsExactly(accented);
        assertThat(registry.findByFamilyNameAndBirthDate("Ibáñez" + tag, born)).containsExactly(plain);
        assertThat(registry.findByFamilyNameAndBirthDate("Ibanes" + tag, born)).isEmpty();
    }

    @Test
    void storedPatientKeepsEveryDetail() {
        var registered = registry.register(patient("Lindqvist" + tag, List.of(new MedicalRecordNumber("clinic", "C" + tag))));
        var found = registry.find(registered.id()).orElseThrow();

        assertThat(found.legalName()).isEqualTo("Ana María Lindqvist" + tag);
        assertThat(found.phones()).extracting(PhoneNumber::kind).containsExactly(PhoneKind.LANDLINE, PhoneKind.MOBILE);
        assertThat(found.mobile()).isPresent();
        assertThat(found.preferredLanguage()).isEqualTo("es");
        assertThat(found.recordNumberAt("clinic")).map(MedicalRecordNumber::value).contains("C" + tag);
        assertThat(found.recordNumberAt("health-system")).isEmpty();
    }

    @Test
    void aRecordNumberAlreadyInUseIsRefusedAndNothingIsStored() {
        registry.register(patient("First" + tag, List.of(new MedicalRecordNumber("clinic", "C" + tag))));
        long before = registry.count();

        assertThatThrownBy(() -> registry.registerAll(List.of(
                patient("Second" + tag, List.of(new MedicalRecordNumber("health-system", "HS" + tag))),
                patient("Third" + tag, List.of(new MedicalRecordNumber("clinic", "c" + tag.toLowerCase()))))))
                .isInstanceOf(DuplicateRecordNumber.class);

        assertThat(registry.count()).isEqualTo(before);
        assertThat(registry.findByRecordNumber("health-system", "HS" + tag)).isEmpty();
    }

    @Test
    void twoNewPatientsWithTheSameNumberAreRefusedTogether() {
        long before = registry.count();

        assertThatThrownBy(() -> registry.registerAll(List.of(
                patient("Twin" + tag, List.of(new MedicalRecordNumber("clinic", "T" + tag))),
                patient("Other" + tag, List.of(new MedicalRecordNumber("clinic", "T" + tag))))))
                .isInstanceOf(DuplicateRecordNumber.class);

        assertThat(registry.count()).isEqualTo(before);
    }

    @Test
    void aNumberAtAnUnknownOrganisationIsRefused() {
        assertThatThrownBy(() -> registry.register(
                patient("Nowhere" + tag, List.of(new MedicalRecordNumber("nowhere", "N" + tag)))))
                .isInstanceOf(UnknownOrganization.class);
    }

    @Test
    void onlyOneRecordNumberPerOrganisation() {
        assertThatThrownBy(() -> patient("Twice" + tag, List.of(
                new MedicalRecordNumber("clinic", "C1" + tag), new MedicalRecordNumber("clinic", "C2" + tag))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void printingAPatientRevealsNothingAboutThem() {
        var registered = registry.register(patient("Quiet" + tag, List.of(new MedicalRecordNumber("clinic", "C" + tag))));
        assertThat(registered.toString()).doesNotContain("Quiet", "Ana", "1950", "example.com", "River");
    }
}
