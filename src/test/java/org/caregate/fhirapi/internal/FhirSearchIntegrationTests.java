package org.caregate.fhirapi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.caregate.IntegrationTest;
import org.caregate.apps.AppAccess;
import org.caregate.identity.AccountId;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.proxy.Access;
import org.caregate.proxy.Area;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordImport;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordSearch;
import org.caregate.record.RecordSearch.DateElement;
import org.caregate.record.TestRecords;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Searches and reads as HAPI hands them over from an app's request, translated to the record's
 * queries: every type, every parameter and date prefix, paging by offset, and the refusals (scopes,
 * another patient), against the real embedded PostgreSQL. The calling app is an {@link AppAccess}
 * value as the apps module makes it from a token, so that a test can choose its patient, caregiver
 * rules and scopes; {@code FhirApiIntegrationTests} calls over HTTP with real tokens.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirSearchIntegrationTests {

    static final String TEST_CODES = "urn:caregate:test:code";
    static final String LOINC = "http://loinc.org";
    static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";

    @Autowired
    FhirContext fhir;

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

    @Autowired
    JdbcClient jdbc;

    final CallingApp app = new CallingApp();
    StoredResources resources;
    TestRecords.PatientWithRecord mine;
    TestRecords.PatientWithRecord theirs;
    Map<String, UUID> extra;
    AppAccess me;

    @BeforeAll
    void records() {
        resources = new StoredResources(records, app.requests(), fhir);
        var testRecords = new TestRecords(registry, organizations, imports, accounts);
        mine = testRecords.patientWithRecord(bundle -> TestRecords.hasEveryPart(bundle) && confidential(bundle) > 0);
        theirs = testRecords.patientWithRecord(TestRecords::hasEveryPart);
        var added = new ExtraRecords(mine.patient(), mine.organizationId());
        added.add("o1", dated(added, LocalDateTime.of(2023, 12, 31, 23, 59, 59)))
                .add("o2", dated(added, LocalDateTime.of(2024, 3, 5, 10, 30, 0)))
                .add("o3", dated(added, LocalDateTime.of(2024, 3, 31, 23, 30, 0)))
                .add("o4", dated(added, LocalDateTime.of(2024, 4, 1, 0, 30, 0)))
                .add("o5", dated(added, LocalDateTime.of(2025, 1, 1, 0, 0, 0)))
                .add("undated", dated(added, null))
                .add("onset", new Condition().setSubject(added.patient())
                        .setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"))
                        .setCode(concept("http://snomed.info/sct", "38341003"))
                        .setOnset(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 9, 0, 0))))
                .add("recordedOnly", new Condition().setSubject(added.patient())
                        .setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"))
                        .setCode(concept("http://snomed.info/sct", "195967001"))
                        .setRecordedDateElement(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 9, 0, 0))))
                .add("procedure", new Procedure().setStatus(Procedure.ProcedureStatus.COMPLETED).setSubject(added.patient())
                        .setCode(concept("http://snomed.info/sct", "80146002"))
                        .setPerformed(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 10, 30, 0))))
                .add("plan", new MedicationRequest().setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE)
                        .setIntent(MedicationRequest.MedicationRequestIntent.PLAN).setSubject(added.patient())
                        .setMedication(concept("http://www.nlm.nih.gov/research/umls/rxnorm", "197361"))
                        .setAuthoredOnElement(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 11, 0, 0))));
        extra = added.importWith(imports, fhir);
        me = CallingApp.patientApp(mine.patient().id(), mine.organizationId());
    }

    @Test
    void eachTypeFindsAllThePatientsResourcesOfThatTypeNewestFirstWithUndatedOnesLast() {
        Map<String, Long> generated = mine.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> !(r instanceof Patient)).collect(Collectors.groupingBy(Resource::fhirType, Collectors.counting()));
        Map<String, Long> added = Map.of("Observation", 6L, "Condition", 2L, "Procedure", 1L, "MedicationRequest", 1L);
        for (String type : RecordSearch.TYPES) {
            List<UUID> found = all(me, type, new SearchCriteria());
            long expected = generated.getOrDefault(type, 0L) + added.getOrDefault(type, 0L);
            assertThat(found).as(type).hasSize((int) expected).doesNotHaveDuplicates();
            assertThat(found).as(type + " in page order").containsExactlyElementsOf(jdbc.sql("""
                    SELECT id FROM record_resource WHERE patient_id = ? AND resource_type = ?
                    ORDER BY effective_at DESC NULLS LAST, id
                    """).params(mine.patient().id().value(), type).query(UUID.class).list());
        }
        assertThat(all(me, "Observation", new SearchCriteria()).getLast()).isEqualTo(extra.get("undated"));
    }

    @Test
    void appointmentsAreAnEmptySearchsetSinceTheImportStoresNone() {
        IBundleProvider page = resources.search(me, "Appointment", new SearchCriteria().patient(patient(mine)), null, null);
        assertThat(page.getResources(0, 100)).isEmpty();
        assertThat(page.getNextPageId()).isNull();
        assertThatThrownBy(() -> resources.read(me, "Appointment", new IdType("Appointment", UUID.randomUUID().toString())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void categoryMatchesTheFirstCategorysCodeAndItsSystemWhenGiven() {
        Set<UUID> labs = new HashSet<>(all(me, "Observation", new SearchCriteria().category("category", tokens("laboratory"))));
        Set<UUID> vitals = new HashSet<>(all(me, "Observation", new SearchCriteria().category("category", tokens("vital-signs"))));
        assertThat(labs).hasSize((int) generated("Observation", "laboratory") + 6);
        assertThat(vitals).hasSize((int) generated("Observation", "vital-signs")).doesNotContainAnyElementsOf(labs);
        assertThat(all(me, "Observation", new SearchCriteria().category("category", tokens(OBSERVATION_CATEGORY + "|laboratory"))))
                .containsExactlyInAnyOrderElementsOf(labs);
        assertThat(all(me, "Observation", new SearchCriteria().category("category", tokens(OBSERVATION_CATEGORY + "|"))))
                .hasSize(labs.size() + vitals.size());
        assertThat(all(me, "Observation", new SearchCriteria().category("category", tokens("http://elsewhere|laboratory")))).isEmpty();
        assertThat(all(me, "Observation", new SearchCriteria().category("category", tokens("|laboratory")))).isEmpty();
        // Values within one parameter are alternatives; repeated parameters must all hold.
        assertThat(all(me, "Observation", new SearchCriteria().category("category", tokens("laboratory", "vital-signs"))))
                .hasSize(labs.size() + vitals.size());
        assertThat(all(me, "Observation", new SearchCriteria().category("category",
                and(tokens("laboratory"), tokens("vital-signs"))))).isEmpty();

        assertThat(all(me, "DiagnosticReport", new SearchCriteria().category("category",
                tokens("http://terminology.hl7.org/CodeSystem/v2-0074|LAB")))).hasSize((int) generated("DiagnosticReport", "LAB"));
        assertThat(all(me, "Condition", new SearchCriteria().category("category", tokens("problem-list-item"))))
                .hasSize((int) generated("Condition", "problem-list-item"));
        assertThat(all(me, "DocumentReference", new SearchCriteria().category("category", tokens("clinical-note"))))
                .hasSize((int) generated("DocumentReference", "clinical-note"));
        assertThat(all(me, "Encounter", new SearchCriteria().category("class",
                tokens("http://terminology.hl7.org/CodeSystem/v3-ActCode|AMB")))).hasSize((int) generated("Encounter", null));
        assertThat(all(me, "Encounter", new SearchCriteria().category("class", tokens("IMP")))).isEmpty();
    }

    @Test
    void codeMatchesSystemAndCodeCodeAloneOrAWholeSystem() {
        List<UUID> dated = List.of(extra.get("o5"), extra.get("o4"), extra.get("o3"), extra.get("o2"), extra.get("o1"),
                extra.get("undated"));
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens(TEST_CODES + "|dated")))).isEqualTo(dated);
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens("dated")))).isEqualTo(dated);
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens(TEST_CODES + "|")))).isEqualTo(dated);
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens("|dated")))).isEmpty();
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens(LOINC + "|dated")))).isEmpty();

        Observation lab = firstOf(mine.bundle(), Observation.class, "laboratory");
        Coding labCode = lab.getCode().getCodingFirstRep();
        assertThat(all(me, "Observation", new SearchCriteria().code("code", tokens(LOINC + "|" + labCode.getCode()))))
                .hasSize((int) mine.bundle().getEntry().stream().filter(e -> e.getResource() instanceof Observation o
                        && labCode.getCode().equals(o.getCode().getCodingFirstRep().getCode())).count());
        assertThat(all(me, "Condition", new SearchCriteria().code("code", tokens("http://snomed.info/sct|80146002")))).isEmpty();
        assertThat(all(me, "Procedure", new SearchCriteria().code("code", tokens("http://snomed.info/sct|80146002"))))
                .containsExactly(extra.get("procedure"));
        Encounter visit = firstOf(mine.bundle(), Encounter.class, null);
        String visitType = visit.getTypeFirstRep().getCodingFirstRep().getCode();
        assertThat(all(me, "Encounter", new SearchCriteria().code("type", tokens("http://snomed.info/sct|" + visitType))))
                .isNotEmpty().hasSize((int) mine.bundle().getEntry().stream().filter(e -> e.getResource() instanceof Encounter e2
                        && visitType.equals(e2.getTypeFirstRep().getCodingFirstRep().getCode())).count());
        assertThat(all(me, "DocumentReference", new SearchCriteria().code("type", tokens(LOINC + "|34133-9")))).isNotEmpty();
    }

    @Test
    void datesMatchTheSpanTheirPrecisionNamesByEachPrefix() {
        assertThat(dated("2024")).containsExactly("o4", "o3", "o2");
        assertThat(dated("eq2024")).containsExactly("o4", "o3", "o2");
        assertThat(dated("2024-03")).containsExactly("o3", "o2");
        assertThat(dated("2024-03-05")).containsExactly("o2");
        assertThat(dated("2024-03-05T10:30")).containsExactly("o2");
        assertThat(dated(ExtraRecords.local(LocalDateTime.of(2024, 3, 5, 10, 30, 0)).getValueAsString())).containsExactly("o2");
        assertThat(dated("2024-03-06")).isEmpty();
        assertThat(dated("ne2024")).containsExactly("o5", "o1");
        assertThat(dated("lt2024-03-05")).containsExactly("o1");
        assertThat(dated("le2024-03-05")).containsExactly("o2", "o1");
        assertThat(dated("gt2024-03-31")).containsExactly("o5", "o4");
        assertThat(dated("ge2024-03-31")).containsExactly("o5", "o4", "o3");
        assertThat(dated("sa2024-03")).containsExactly("o5", "o4");
        assertThat(dated("eb2024-03")).containsExactly("o1");
        assertThat(dated("ge2024-03", "lt2024-04")).containsExactly("o3", "o2");
        assertThat(dated("gt2023-12-31T23:59:59", "le2025")).containsExactly("o5", "o4", "o3", "o2");
        assertThatThrownBy(() -> dated("ap2024")).isInstanceOf(InvalidRequestException.class).hasMessageContaining("ap");
        assertThatThrownBy(() -> new SearchCriteria().date("date", DateElement.CLINICAL,
                new DateAndListParam().addAnd(new DateParam("2024"), new DateParam("2025"))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void eachTypesDateIsItsClinicalDate() {
        assertThat(all(me, "Condition", new SearchCriteria().date("onset-date", DateElement.CLINICAL, dates("2024-03-05"))))
                .as("onset-date: the onset only, not a recorded date").containsExactly(extra.get("onset"));
        assertThat(all(me, "Procedure", new SearchCriteria().date("date", DateElement.CLINICAL, dates("2024-03-05"))))
                .containsExactly(extra.get("procedure"));
        assertThat(all(me, "MedicationRequest", new SearchCriteria().date("authoredon", DateElement.CLINICAL, dates("2024-03-05"))))
                .containsExactly(extra.get("plan"));
        for (String type : List.of("Immunization", "Encounter", "DiagnosticReport", "DocumentReference", "Observation")) {
            var newest = jdbc.sql("""
                    SELECT id, effective_at FROM record_resource WHERE patient_id = ? AND resource_type = ? AND effective_at IS NOT NULL
                    ORDER BY effective_at DESC, id LIMIT 1
                    """).params(mine.patient().id().value(), type)
                    .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant())).single();
            String at = newest.getValue().toString();
            assertThat(all(me, type, new SearchCriteria().date("date", DateElement.CLINICAL, dates("eq" + at)))).as(type)
                    .contains(newest.getKey());
            assertThat(all(me, type, new SearchCriteria().date("date", DateElement.CLINICAL, dates("gt" + at)))).as(type)
                    .isEmpty();
        }
    }

    @Test
    void lastUpdatedIsWhenThePortalStoredIt() {
        String today = Instant.now().minusSeconds(3600).toString();
        assertThat(all(me, "Observation", new SearchCriteria().date("_lastUpdated", DateElement.LAST_UPDATED, dates("ge" + today))))
                .hasSize(all(me, "Observation", new SearchCriteria()).size());
        assertThat(all(me, "Observation", new SearchCriteria().date("_lastUpdated", DateElement.LAST_UPDATED, dates("lt2020"))))
                .isEmpty();
    }

    @Test
    void statusesIntentsIdsAndIdentifiersNarrowTheSearch() {
        int observations = all(me, "Observation", new SearchCriteria()).size();
        assertThat(all(me, "Observation", new SearchCriteria().status("status", tokens("final")))).hasSize(observations);
        assertThat(all(me, "Observation", new SearchCriteria().status("status", tokens("preliminary")))).isEmpty();
        assertThat(all(me, "Observation", new SearchCriteria().status("status", tokens("preliminary", "final"))))
                .hasSize(observations);

        int conditions = all(me, "Condition", new SearchCriteria()).size();
        List<UUID> active = all(me, "Condition", new SearchCriteria().status("clinical-status", tokens("active")));
        List<UUID> resolved = all(me, "Condition", new SearchCriteria().status("clinical-status",
                tokens("http://terminology.hl7.org/CodeSystem/condition-clinical|resolved")));
        assertThat(active).contains(extra.get("onset")).doesNotContainAnyElementsOf(resolved);
        assertThat(active.size() + resolved.size()).isEqualTo(conditions);
        assertThat(all(me, "AllergyIntolerance", new SearchCriteria().status("clinical-status", tokens("active"))))
                .hasSize((int) generated("AllergyIntolerance", null));
        for (var typeAndStatus : Map.of("Immunization", "completed", "Encounter", "finished", "Procedure", "completed",
                "DiagnosticReport", "final", "DocumentReference", "current").entrySet()) {
            String type = typeAndStatus.getKey();
            assertThat(all(me, type, new SearchCriteria().status("status", tokens(typeAndStatus.getValue())))).as(type)
                    .hasSize(all(me, type, new SearchCriteria()).size());
            assertThat(all(me, type, new SearchCriteria().status("status", tokens("entered-in-error")))).as(type).isEmpty();
        }

        assertThat(all(me, "MedicationRequest", new SearchCriteria().intent(tokens("plan")))).containsExactly(extra.get("plan"));
        assertThat(all(me, "MedicationRequest", new SearchCriteria().intent(tokens("order"))))
                .hasSize((int) generated("MedicationRequest", null));
        assertThat(all(me, "MedicationRequest", new SearchCriteria().intent(tokens("plan")).status("status", tokens("stopped"))))
                .isEmpty();

        List<UUID> two = List.of(extra.get("o2"), extra.get("o4"));
        assertThat(all(me, "Observation", new SearchCriteria().id(tokens(two.get(0).toString(), two.get(1).toString()))))
                .containsExactlyInAnyOrderElementsOf(two);
        assertThat(all(me, "Observation", new SearchCriteria().id(tokens("not-an-id")))).isEmpty();
        assertThat(all(me, "Condition", new SearchCriteria().id(tokens(extra.get("o2").toString())))).as("another type's id").isEmpty();

        Encounter visit = firstOf(mine.bundle(), Encounter.class, null);
        var identifier = visit.getIdentifierFirstRep();
        List<UUID> byIdentifier = all(me, "Encounter", new SearchCriteria().identifier(tokens(identifier.getSystem() + "|"
                + identifier.getValue())));
        assertThat(byIdentifier).hasSize(1);
        assertThat(all(me, "Encounter", new SearchCriteria().identifier(tokens(identifier.getValue())))).isEqualTo(byIdentifier);
        assertThat(all(me, "Encounter", new SearchCriteria().identifier(tokens("urn:other|" + identifier.getValue())))).isEmpty();
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<UUID> everything = all(me, "Observation", new SearchCriteria());
        List<UUID> paged = new ArrayList<>();
        int offset = 0;
        while (true) {
            IBundleProvider page = resources.search(me, "Observation", new SearchCriteria(), 7, offset);
            List<UUID> ids = ids(page);
            assertThat(ids).hasSizeLessThanOrEqualTo(7);
            assertThat(page.getCurrentPageOffset()).isEqualTo(offset);
            paged.addAll(ids);
            if (page.getNextPageId() == null) {
                break;
            }
            assertThat(ids).hasSize(7);
            offset += 7;
        }
        assertThat(paged).isEqualTo(everything);
        assertThat(ids(resources.search(me, "Observation", new SearchCriteria(), 7, everything.size()))).isEmpty();
    }

    @Test
    void countIsCappedAtOneHundredAndMustBePositive() {
        IBundleProvider page = resources.search(me, "Observation", new SearchCriteria(), 1_000, 0);
        assertThat(ids(page)).hasSize(100);
        assertThat(page.getCurrentPageSize()).isEqualTo(100);
        assertThat(page.getNextPageId()).isNotNull();
        assertThat(ids(resources.search(me, "Observation", new SearchCriteria(), null, 0))).hasSize(50);
        assertThatThrownBy(() -> resources.search(me, "Observation", new SearchCriteria(), 0, 0))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> resources.search(me, "Observation", new SearchCriteria(), 10, -1))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void confidentialItemsAreNeitherFoundNorReadWhenTheViewingHidesThem() {
        Set<UUID> confidential = new HashSet<>(jdbc.sql("SELECT id FROM record_resource WHERE patient_id = ? AND confidential")
                .param(mine.patient().id().value()).query(UUID.class).list());
        assertThat(confidential).hasSize(confidential(mine.bundle()));
        Map<Area, Access> all = new java.util.EnumMap<>(Area.class);
        for (Area area : Area.values()) {
            all.put(area, Access.READ);
        }
        AppAccess caregiversApp = CallingApp.app(new Viewing(AccountId.random(), mine.patient().id(), mine.organizationId(),
                UUID.randomUUID(), all, true), Set.of("patient/*.read"));

        Set<UUID> seen = new HashSet<>();
        Set<UUID> seenByCaregiver = new HashSet<>();
        for (String type : RecordSearch.TYPES) {
            seen.addAll(all(me, type, new SearchCriteria()));
            seenByCaregiver.addAll(all(caregiversApp, type, new SearchCriteria()));
        }
        assertThat(seen).containsAll(confidential);
        assertThat(seenByCaregiver).doesNotContainAnyElementsOf(confidential).hasSize(seen.size() - confidential.size());
        for (UUID id : confidential) {
            String type = jdbc.sql("SELECT resource_type FROM record_resource WHERE id = ?").param(id).query(String.class).single();
            assertThat(resources.read(me, type, new IdType(type, id.toString())).getIdElement().getIdPart()).isEqualTo(id.toString());
            assertThatThrownBy(() -> resources.read(caregiversApp, type, new IdType(type, id.toString())))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void anotherPatientsResourcesAreNotFoundAndSearchesNamingThemAreRefused() {
        AppAccess them = CallingApp.patientApp(theirs.patient().id(), theirs.organizationId());
        for (String type : List.of("Observation", "Condition", "Encounter", "DiagnosticReport", "DocumentReference",
                "MedicationRequest", "Immunization")) {
            UUID their = all(them, type, new SearchCriteria()).getFirst();
            assertThat(resources.read(them, type, new IdType(type, their.toString()))).isNotNull();
            assertThatThrownBy(() -> resources.read(me, type, new IdType(type, their.toString()))).as(type)
                    .isInstanceOf(ResourceNotFoundException.class).hasMessageNotContaining(their.toString());
            assertThat(all(me, type, new SearchCriteria().id(tokens(their.toString())))).as(type).isEmpty();
        }
        assertThatThrownBy(() -> resources.search(me, "Observation", new SearchCriteria().patient(patient(theirs)), null, null))
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> resources.search(me, "Observation", new SearchCriteria().subject(patient(theirs)), null, null))
                .isInstanceOf(ForbiddenOperationException.class);
        assertThatThrownBy(() -> resources.search(me, "Observation", new SearchCriteria().patient(
                new ReferenceAndListParam().addAnd(new ReferenceOrListParam().add(new ReferenceParam(id(mine)))
                        .add(new ReferenceParam(id(theirs))))), null, null))
                .as("one of several patients named is someone else").isInstanceOf(ForbiddenOperationException.class);
        assertThat(all(me, "Observation", new SearchCriteria().patient(patient(mine)))).isNotEmpty();
        assertThat(all(me, "Observation", new SearchCriteria().subject(new ReferenceAndListParam().addAnd(
                new ReferenceOrListParam().add(new ReferenceParam(id(mine))))))).isNotEmpty();
        assertThatThrownBy(() -> new SearchCriteria().subject(new ReferenceAndListParam().addAnd(
                new ReferenceOrListParam().add(new ReferenceParam("Group/" + id(mine))))))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void theTokensScopesDecideWhichTypesItMayReadAndSearch() {
        AppAccess observationsOnly = CallingApp.app(me.viewing(), Set.of("patient/Observation.rs"));
        AppAccess readOnly = CallingApp.app(me.viewing(), Set.of("patient/Observation.r"));
        AppAccess searchOnly = CallingApp.app(me.viewing(), Set.of("patient/Observation.s"));
        AppAccess v1 = CallingApp.app(me.viewing(), Set.of("patient/Observation.read"));
        IdType lab = new IdType("Observation", extra.get("o2").toString());

        assertThat(all(observationsOnly, "Observation", new SearchCriteria())).isNotEmpty();
        assertThatThrownBy(() -> resources.search(observationsOnly, "Condition", new SearchCriteria(), null, null))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("patient/Condition.s");
        assertThatThrownBy(() -> resources.readPatient(observationsOnly, new IdType("Patient", id(mine))))
                .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("patient/Patient.r");
        assertThat(resources.read(readOnly, "Observation", lab)).isNotNull();
        assertThatThrownBy(() -> resources.search(readOnly, "Observation", new SearchCriteria(), null, null))
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(all(searchOnly, "Observation", new SearchCriteria())).isNotEmpty();
        assertThatThrownBy(() -> resources.read(searchOnly, "Observation", lab)).isInstanceOf(ForbiddenOperationException.class);
        assertThat(resources.read(v1, "Observation", lab)).isNotNull();
        assertThat(all(v1, "Observation", new SearchCriteria())).isNotEmpty();
    }

    @Test
    void everythingServedIsRecordedForTheAppAndNothingWhenRefused() {
        IBundleProvider page = resources.search(me, "Observation", new SearchCriteria().code("code", tokens("dated")), 3, 0);
        assertThat(app.lastServed()).isEqualTo(new CallingApp.Served(me.clientId(), "search", "Observation", ids(page)));
        resources.read(me, "Procedure", new IdType("Procedure", extra.get("procedure").toString()));
        assertThat(app.lastServed()).isEqualTo(new CallingApp.Served(me.clientId(), "read", "Procedure",
                List.of(extra.get("procedure"))));
        resources.readPatient(me, new IdType("Patient", id(mine)));
        assertThat(app.lastServed()).isEqualTo(new CallingApp.Served(me.clientId(), "read", "Patient",
                List.of(mine.patient().id().value())));

        int before = app.served().size();
        AppAccess them = CallingApp.patientApp(theirs.patient().id(), theirs.organizationId());
        assertThatThrownBy(() -> resources.read(them, "Procedure", new IdType("Procedure", extra.get("procedure").toString())))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> resources.search(them, "Observation", new SearchCriteria().patient(patient(mine)), null, null))
                .isInstanceOf(ForbiddenOperationException.class);
        assertThat(app.served()).hasSize(before);
    }

    @Test
    void thePatientIsTheTokensPatientFromTheRegistry() {
        Patient patient = resources.readPatient(me, new IdType("Patient", id(mine)));
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(id(mine));
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo(mine.patient().familyName());
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo(mine.patient().dateOfBirth().toString());
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(RecordIdentifiers.mrnSystem(mine.organizationId()));
        assertThat(patient.getTelecom()).isEmpty();
        assertThat(patient.getAddress()).isEmpty();
        assertThatThrownBy(() -> resources.readPatient(me, new IdType("Patient", id(theirs))))
                .isInstanceOf(ResourceNotFoundException.class);

        assertThat(ids(resources.searchPatient(me, new SearchCriteria(), null, null, null)))
                .containsExactly(mine.patient().id().value());
        assertThat(ids(resources.searchPatient(me, new SearchCriteria().patientId(tokens(id(mine))), null, null, null)))
                .containsExactly(mine.patient().id().value());
        assertThatThrownBy(() -> resources.searchPatient(me, new SearchCriteria().patientId(tokens(id(theirs))), null, null,
                null)).isInstanceOf(ForbiddenOperationException.class);
        String mrn = mine.patient().recordNumberAt(mine.organizationId()).orElseThrow().value();
        assertThat(ids(resources.searchPatient(me, new SearchCriteria(),
                tokens(RecordIdentifiers.mrnSystem(mine.organizationId()) + "|" + mrn), null, null))).hasSize(1);
        assertThat(ids(resources.searchPatient(me, new SearchCriteria(), tokens("other-number"), null, null))).isEmpty();
        assertThat(ids(resources.searchPatient(me, new SearchCriteria(), null, null, 1))).isEmpty();
    }

    // --- helpers ---

    /** Every match, page by page. */
    private List<UUID> all(AppAccess access, String type, SearchCriteria criteria) {
        List<UUID> found = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            IBundleProvider page = resources.search(access, type, criteria, 100, offset);
            found.addAll(ids(page));
            if (page.getNextPageId() == null) {
                return found;
            }
        }
    }

    /** Names of the dated observations matching every date given, newest first. */
    private List<String> dated(String... dates) {
        var criteria = new SearchCriteria().code("code", tokens(TEST_CODES + "|dated")).date("date", DateElement.CLINICAL,
                dates(dates));
        Map<UUID, String> names = extra.entrySet().stream().collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));
        return all(me, "Observation", criteria).stream().map(names::get).toList();
    }

    private static List<UUID> ids(IBundleProvider page) {
        return page.getResources(0, Integer.MAX_VALUE).stream().map(r -> UUID.fromString(r.getIdElement().getIdPart())).toList();
    }

    private static DateAndListParam dates(String... values) {
        var dates = new DateAndListParam();
        for (String value : values) {
            dates.addAnd(new DateParam(value));
        }
        return dates;
    }

    private TokenAndListParam tokens(String... anyOf) {
        var or = new TokenOrListParam();
        for (String value : anyOf) {
            var token = new TokenParam();
            token.setValueAsQueryToken(fhir, "token", null, value);
            or.add(token);
        }
        return new TokenAndListParam().addAnd(or);
    }

    private static TokenAndListParam and(TokenAndListParam... each) {
        var all = new TokenAndListParam();
        for (TokenAndListParam one : each) {
            one.getValuesAsQueryTokens().forEach(all::addAnd);
        }
        return all;
    }

    private static ReferenceAndListParam patient(TestRecords.PatientWithRecord whose) {
        return new ReferenceAndListParam().addAnd(new ReferenceOrListParam().add(new ReferenceParam("Patient/" + id(whose))));
    }

    private static String id(TestRecords.PatientWithRecord whose) {
        return whose.patient().id().value().toString();
    }

    /** How many generated resources of a type (and first category, when given) the record holds. */
    private long generated(String type, String category) {
        return mine.bundle().getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.fhirType().equals(type))
                .filter(r -> category == null || category.equals(firstCategory(r)))
                .count();
    }

    private static String firstCategory(Resource resource) {
        return switch (resource) {
            case Observation o -> o.getCategoryFirstRep().getCodingFirstRep().getCode();
            case org.hl7.fhir.r4.model.DiagnosticReport d -> d.getCategoryFirstRep().getCodingFirstRep().getCode();
            case Condition c -> c.getCategoryFirstRep().getCodingFirstRep().getCode();
            case org.hl7.fhir.r4.model.DocumentReference d -> d.getCategoryFirstRep().getCodingFirstRep().getCode();
            default -> null;
        };
    }

    private static <T extends Resource> T firstOf(Bundle bundle, Class<T> type, String category) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .filter(r -> r.getMeta().getSecurity().isEmpty())
                .filter(r -> category == null || category.equals(firstCategory(r))).map(type::cast).findFirst().orElseThrow();
    }

    private static int confidential(Bundle bundle) {
        return (int) bundle.getEntry().stream().filter(e -> !e.getResource().getMeta().getSecurity().isEmpty()).count();
    }

    private static CodeableConcept concept(String system, String code) {
        return new CodeableConcept(new Coding(system, code, null));
    }

    /** A blood test of the test's own code, taken at a time in the server's zone (or undated). */
    private static Observation dated(ExtraRecords added, LocalDateTime at) {
        var observation = new Observation().setStatus(Observation.ObservationStatus.FINAL).setSubject(added.patient())
                .setCode(concept(TEST_CODES, "dated")).setValue(new Quantity().setValue(BigDecimal.ONE).setUnit("1")
                        .setSystem("http://unitsofmeasure.org").setCode("1"));
        observation.addCategory(concept(OBSERVATION_CATEGORY, "laboratory"));
        if (at != null) {
            observation.setEffective(ExtraRecords.local(at));
        }
        return observation;
    }
}
