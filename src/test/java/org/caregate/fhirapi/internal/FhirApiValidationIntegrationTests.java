package org.caregate.fhirapi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.caregate.IntegrationTest;
import org.caregate.apps.AppAccess;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordImport;
import org.caregate.record.RecordSearch;
import org.caregate.record.TestRecords;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.NpmPackageValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the API serves is valid FHIR R4, and valid against the US Core 6.1.0 profile for its kind:
 * one resource of each type, category and code a generated record holds (every vital sign has its
 * own profile), a Procedure, and the Patient. Base R4: no errors at all. US Core: no errors except
 * those from value sets the package only names (VSAC, SNOMED CT and LOINC subsets are not in it), so
 * a code cannot be checked against them.
 */
@IntegrationTest
class FhirApiValidationIntegrationTests {

    private static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

    @Autowired
    FhirContext fhir;

    @Autowired
    FhirValidator baseR4;

    @Autowired
    RecordSearch records;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Test
    void everyKindOfResourceServedIsValidR4AndUsCore() throws IOException {
        var record = new TestRecords(registry, organizations, imports, accounts).patientWithRecord(TestRecords::hasEveryPart);
        var added = new ExtraRecords(record.patient(), record.organizationId());
        added.add("procedure", new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(added.patient())
                .setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "80146002", "Appendectomy")))
                .setPerformed(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 10, 30, 0))));
        added.importWith(imports, fhir);
        AppAccess app = CallingApp.patientApp(record.patient().id(), record.organizationId());
        StoredResources resources = new StoredResources(records, new CallingApp().calling(app).requests(), fhir);

        Map<String, Resource> served = new LinkedHashMap<>();
        served.put("Patient", resources.readPatient(app, new IdType("Patient", record.patient().id().value().toString())));
        for (String type : RecordSearch.TYPES) {
            for (int offset = 0; ; offset += 100) {
                var page = resources.search(app, type, new SearchCriteria(), 100, offset);
                page.getResources(0, 100).forEach(r -> served.putIfAbsent(kind((Resource) r), (Resource) r));
                if (page.getNextPageId() == null) {
                    break;
                }
            }
        }
        assertThat(served.keySet()).anyMatch(k -> k.startsWith("Observation laboratory"))
                .anyMatch(k -> k.startsWith("Observation vital-signs 85354-9"))
                .anyMatch(k -> k.startsWith("DiagnosticReport RAD")).anyMatch(k -> k.startsWith("Procedure"))
                .anyMatch(k -> k.startsWith("Encounter")).anyMatch(k -> k.startsWith("DocumentReference"))
                .anyMatch(k -> k.startsWith("MedicationRequest")).anyMatch(k -> k.startsWith("Immunization"))
                .anyMatch(k -> k.startsWith("AllergyIntolerance")).anyMatch(k -> k.startsWith("Condition"));

        System.out.println("Validating " + served.size() + " kinds of resource: " + served.keySet());
        FhirValidator usCore = usCoreValidator();
        List<String> errors = new ArrayList<>();
        for (var kind : served.entrySet()) {
            Resource resource = kind.getValue();
            for (SingleValidationMessage message : baseR4.validateWithResult(resource).getMessages()) {
                if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add("R4 " + kind.getKey() + ": " + message.getLocationString() + ": " + message.getMessage());
                }
            }
            assertThat(SmartCapabilities.US_CORE_PROFILES.get(resource.fhirType())).as("the capability statement claims it")
                    .contains(profile(resource));
            String profile = US_CORE + profile(resource);
            var options = new ValidationOptions().addProfile(profile);
            List<SingleValidationMessage> messages = usCore.validateWithResult(resource, options).getMessages();
            Set<String> unknownSystems = messages.stream().filter(m -> m.getMessage().startsWith("CodeSystem is unknown"))
                    .map(SingleValidationMessage::getLocationString).collect(java.util.stream.Collectors.toSet());
            for (SingleValidationMessage message : messages) {
                if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()
                        && !unresolvableTerminology(message, unknownSystems)) {
                    errors.add("US Core " + profile(resource) + " " + kind.getKey() + ": " + message.getLocationString() + ": "
                            + message.getMessage());
                }
            }
        }
        errors.forEach(System.out::println);
        assertThat(errors).isEmpty();
    }

    /** US Core 6.1.0 and what it needs from base R4, from the package kept in the test resources. */
    private FhirValidator usCoreValidator() throws IOException {
        var usCore = new NpmPackageValidationSupport(fhir);
        usCore.loadPackageFromClasspath("classpath:fhir-packages/hl7.fhir.us.core-6.1.0.tgz");
        var support = new ValidationSupportChain(usCore, new DefaultProfileValidationSupport(fhir),
                new SnapshotGeneratingValidationSupport(fhir), new InMemoryTerminologyServerValidationSupport(fhir),
                new CommonCodeSystemsTerminologyService(fhir));
        assertThat(support.fetchStructureDefinition(US_CORE + "us-core-observation-lab")).as("US Core loaded").isNotNull();
        return fhir.newValidator().registerValidatorModule(new FhirInstanceValidator(support));
    }

    /**
     * A code this validator cannot check, because the package names its value set without holding
     * it (VSAC's) or the value set is defined on a code system the validator does not have (LOINC,
     * SNOMED CT): "unknown code system", "cannot expand the value set without its code system", and a
     * required binding's "none of the codings" at an element whose code system is unknown. Anything else at that element, and every other error, still fails the test.
     */
    private static boolean unresolvableTerminology(SingleValidationMessage message, Set<String> unknownSystems) {
        String text = message.getMessage();
        return text.startsWith("CodeSystem is unknown")
                || text.startsWith("Unable to expand ValueSet because CodeSystem could not be found")
                || text.startsWith("None of the codings provided are in the value set")
                        && unknownSystems.contains(message.getLocationString())
                || text.contains("could not be resolved") && text.contains("ValueSet");
    }

    /** The resource's kind: type, first category, and the first code for observations. */
    private static String kind(Resource resource) {
        return switch (resource) {
            case Observation o -> "Observation " + o.getCategoryFirstRep().getCodingFirstRep().getCode() + " "
                    + o.getCode().getCodingFirstRep().getCode();
            case DiagnosticReport d -> "DiagnosticReport " + d.getCategoryFirstRep().getCodingFirstRep().getCode();
            case Condition c -> "Condition " + c.getCategoryFirstRep().getCodingFirstRep().getCode();
            default -> resource.fhirType();
        };
    }

    /** The US Core profile for the kind of resource. */
    private static String profile(Resource resource) {
        return switch (resource) {
            case Observation o when "laboratory".equals(o.getCategoryFirstRep().getCodingFirstRep().getCode()) ->
                    "us-core-observation-lab";
            case Observation o -> switch (o.getCode().getCodingFirstRep().getCode()) {
                case "85354-9" -> "us-core-blood-pressure";
                case "8867-4" -> "us-core-heart-rate";
                case "29463-7" -> "us-core-body-weight";
                case "8302-2" -> "us-core-body-height";
                case "39156-5" -> "us-core-bmi";
                case "8310-5" -> "us-core-body-temperature";
                case "9279-1" -> "us-core-respiratory-rate";
                default -> "us-core-vital-signs";
            };
            case DiagnosticReport d when Set.of("LAB").contains(d.getCategoryFirstRep().getCodingFirstRep().getCode()) ->
                    "us-core-diagnosticreport-lab";
            case DiagnosticReport d -> "us-core-diagnosticreport-note";
            case Condition c when "encounter-diagnosis".equals(c.getCategoryFirstRep().getCodingFirstRep().getCode()) ->
                    "us-core-condition-encounter-diagnosis";
            case Condition c -> "us-core-condition-problems-health-concerns";
            default -> "us-core-" + resource.fhirType().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
