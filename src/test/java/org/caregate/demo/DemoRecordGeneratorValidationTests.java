package org.caregate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.List;
import org.caregate.demo.internal.DemoRecordGenerator;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.junit.jupiter.api.Test;

/**
 * The demo records are valid FHIR R4, as HAPI's validator checks them against the base
 * specification and its vital-sign profiles. Terminologies it does not hold (LOINC, SNOMED CT,
 * RxNorm, CVX) only give warnings; those are not checked here.
 */
class DemoRecordGeneratorValidationTests {

    @Test
    void everyRecordIsValidFhirR4() {
        FhirContext fhir = DemoRecordGeneratorTests.FHIR;
        var support = new ValidationSupportChain(new DefaultProfileValidationSupport(fhir),
                new InMemoryTerminologyServerValidationSupport(fhir), new CommonCodeSystemsTerminologyService(fhir),
                new SnapshotGeneratingValidationSupport(fhir));
        FhirValidator validator = fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));

        List<String> errors = new ArrayList<>();
        for (var generated : DemoRecordGeneratorTests.records(new DemoRecordGenerator(DemoRecordGeneratorTests.SEED), 0, 20)) {
            for (SingleValidationMessage message : validator.validateWithResult(generated.bundle()).getMessages()) {
                if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add("patient " + generated.index() + ": " + message.getLocationString() + ": "
                            + message.getMessage());
                }
            }
        }

        errors.forEach(System.out::println);
        assertThat(errors).isEmpty();
    }
}
