package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.caregate.demo.internal.DemoPatientGenerator;
import org.caregate.organization.Organization;
import org.caregate.patient.MedicalRecordNumber;
import org.caregate.patient.NewPatient;
import org.caregate.patient.PhoneKind;
import org.caregate.patient.PhoneNumber;
import org.junit.jupiter.api.Test;

class DemoPatientGeneratorTests {

    static final List<Organization> ORGANIZATIONS = List.of(organization("clinic"), organization("health-system"));

    static Organization organization(String id) {
        return new Organization(id, id, null, "clinic", id, "#0b4f8a", "#e8f1fa", "/logo.svg", null, "+15075550100",
                Map.of("en", "hours"), Map.of("en", "number"), null);
    }

    @Test
    void theSameSeedGivesTheSamePatients() {
        var first = new DemoPatientGenerator(7, ORGANIZATIONS).patients(0, 50).toList();
        var second = new DemoPatientGenerator(7, ORGANIZATIONS).patients(0, 50).toList();
        var otherSeed = new DemoPatientGenerator(8, ORGANIZATIONS).patients(0, 50).toList();

        assertThat(first).isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aLargeRunStartsWithTheDefaultPatientsAndCanContinue() {
        var generator = new DemoPatientGenerator(7, ORGANIZATIONS);
        var all = generator.patients(0, 120).toList();

        assertThat(new DemoPatientGenerator(7, ORGANIZATIONS).patients(50, 70).toList()).isEqualTo(all.subList(50, 120));
    }

    @Test
    void recordNumbersAreUniqueAtEachOrganisation() {
        var numbers = new DemoPatientGenerator(7, ORGANIZATIONS).patients(0, 5_000)
                .flatMap(p -> p.recordNumbers().stream()).toList();

        assertThat(numbers).doesNotHaveDuplicates();
        assertThat(numbers).extracting(MedicalRecordNumber::organizationId).contains("clinic", "health-system");
    }

    @Test
    void thePatientsLookLikeARealPopulation() {
        List<NewPatient> patients = new DemoPatientGenerator(20261122, ORGANIZATIONS).patients(0, 2_000).toList();
        LocalDate day = LocalDate.of(2026, 1, 1);

        assertThat(patients).anyMatch(p -> Period.between(p.dateOfBirth(), day).getYears() < 12);
        assertThat(patients).anyMatch(p -> Period.between(p.dateOfBirth(), day).getYears() >= 12
                && Period.between(p.dateOfBirth(), day).getYears() < 18);
        assertThat(patients).anyMatch(p -> Period.between(p.dateOfBirth(), day).getYears() >= 80);
        // Some older patients have only a landline: they need phone calls, not texts.
        assertThat(patients).anyMatch(p -> !p.phones().isEmpty()
                && p.phones().stream().noneMatch(PhoneNumber::canReceiveTexts));
        assertThat(patients).anyMatch(p -> p.phones().stream().anyMatch(n -> !n.e164().startsWith("+1")));
        assertThat(patients).anyMatch(p -> p.recordNumbers().size() == 2);
        assertThat(patients).anyMatch(p -> p.preferredLanguage().equals("es"));
        assertThat(patients).anyMatch(p -> p.email() == null);
        assertThat(patients).allMatch(p -> !p.phones().isEmpty());
        assertThat(patients).allMatch(p -> p.email() == null || p.email().endsWith("@example.com"));
        assertThat(patients).flatExtracting(NewPatient::phones)
                .filteredOn(n -> n.e164().startsWith("+1"))
                .allMatch(n -> n.e164().substring(5, 10).equals("55501"), "fictional 555-01xx numbers");
        assertThat(patients).flatExtracting(NewPatient::phones).extracting(PhoneNumber::kind)
                .contains(PhoneKind.MOBILE, PhoneKind.LANDLINE);
    }
}
