package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.ImportResult;
import org.caregate.record.RecordIdentifiers;
import org.caregate.record.RecordImport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RecordImport}: reads and checks the whole bundle first (FHIR validity, patients, identifiers,
 * references), answering every problem at once in an {@link OperationOutcome}; then writes it in one
 * transaction, so a failure part way leaves nothing.
 */
@Service
class BundleImporter implements RecordImport {

    private final FhirContext fhir;
    private final FhirValidator validator;
    private final PatientRegistry registry;
    private final Organizations organizations;
    private final RecordStore store;
    private final TransactionTemplate transaction;

    BundleImporter(FhirContext fhir, FhirValidator validator, PatientRegistry registry, Organizations organizations,
            RecordStore store, TransactionTemplate transaction) {
        this.fhir = fhir;
        this.validator = validator;
        this.registry = registry;
        this.organizations = organizations;
        this.store = store;
        this.transaction = transaction;
    }

    /** A resource ready to write: where it is in the bundle, its id, its search columns. */
    private record Planned(int entry, Resource resource, UUID id, PatientId patient, Identifier identifier,
            SearchColumns columns) {}

    @Override
    public ImportResult importBundle(String organizationId, String bundleJson) {
        Problems problems = new Problems();
        if (organizations.find(organizationId).isEmpty()) {
            return problems.refuse("Bundle", IssueType.NOTFOUND, "No organisation " + organizationId + " in this portal.");
        }
        Bundle bundle;
        try {
            bundle = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler()).parseResource(Bundle.class,
                    bundleJson);
        } catch (DataFormatException | ClassCastException e) {
            return problems.refuse("Bundle", IssueType.STRUCTURE, "Not a FHIR R4 Bundle in JSON: " + e.getMessage());
        }
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
            problems.error("Bundle.type", IssueType.INVALID, "The bundle's type must be transaction or batch.");
        }
        validator.validateWithResult(bundle).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .forEach(m -> problems.error(m.getLocationString(), IssueType.INVALID, m.getMessage()));

        List<ImportResult.MatchedPatient> matched = new ArrayList<>();
        Map<String, PatientId> patients = patientsOf(bundle, organizationId, problems, matched);
        List<Planned> planned = plan(bundle, organizationId, patients, problems);
        if (problems.any()) {
            return problems.refused();
        }
        Map<String, String> targets = new HashMap<>();
        for (Planned p : planned) {
            targets.put(bundle.getEntry().get(p.entry()).getFullUrl(), p.resource().fhirType() + "/" + p.id());
        }
        patients.forEach((fullUrl, patient) -> targets.put(fullUrl, "Patient/" + patient.value()));
        List<ImportResult.Entry> entries = transaction.execute(status -> write(organizationId, planned, targets));
        return new ImportResult.Imported(bundle.getType(), entries, matched);
    }

    private List<ImportResult.Entry> write(String organizationId, List<Planned> planned, Map<String, String> targets) {
        FhirTerser terser = fhir.newTerser();
        IParser json = fhir.newJsonParser();
        var references = new BundleReferences(targets);
        List<ImportResult.Entry> entries = new ArrayList<>();
        for (Planned p : planned) {
            Resource resource = p.resource();
            references.resolve(terser, resource, p.patient());
            resource.setId((String) null);
            resource.getMeta().setVersionId(null).setLastUpdated(null);
            var incoming = new RecordStore.Incoming(resource.fhirType(), p.patient(), organizationId,
                    p.identifier().getSystem(), p.identifier().getValue(), p.columns(), json.encodeResourceToString(resource));
            var written = store.write(p.id(), incoming, (id, version, at) -> {
                resource.setId(id.toString());
                resource.getMeta().setVersionId(Integer.toString(version)).setLastUpdated(at);
                return json.encodeResourceToString(resource);
            });
            entries.add(new ImportResult.Entry(p.entry(), resource.fhirType(), written.id(), written.version(),
                    written.outcome()));
        }
        return entries;
    }

    /** The bundle's Patients, by fullUrl, found in the registry by their record number here; also added to {@code matched}. */
    private Map<String, PatientId> patientsOf(Bundle bundle, String organizationId, Problems problems,
            List<ImportResult.MatchedPatient> matched) {
        Map<String, PatientId> patients = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            if (!(bundle.getEntry().get(i).getResource() instanceof org.hl7.fhir.r4.model.Patient patient)) {
                continue;
            }
            String where = "Bundle.entry[" + i + "].resource.identifier";
            Optional<Identifier> mrn = patient.getIdentifier().stream()
                    .filter(id -> id.hasSystem() && RecordIdentifiers.organizationOf(id.getSystem()).isPresent())
                    .findFirst();
            if (mrn.isEmpty()) {
                problems.error(where, IssueType.REQUIRED, "A Patient needs its medical record number at " + organizationId
                        + " (system " + RecordIdentifiers.mrnSystem(organizationId) + ").");
                continue;
            }
            String fullUrl = bundle.getEntry().get(i).getFullUrl();
            int entry = i;
            findPatient(mrn.get().getSystem(), mrn.get().getValue(), organizationId, where, problems)
                    .ifPresent(found -> {
                        patients.put(fullUrl, found);
                        matched.add(new ImportResult.MatchedPatient(entry, found));
                    });
        }
        return patients;
    }

    private Optional<PatientId> findPatient(String system, @Nullable String number, String organizationId, String where,
            Problems problems) {
        String owner = RecordIdentifiers.organizationOf(system).orElse("");
        if (!owner.equals(organizationId)) {
            problems.error(where, IssueType.BUSINESSRULE, "The record number belongs to " + owner
                    + ", but this bundle is imported for " + organizationId + ".");
            return Optional.empty();
        }
        Optional<PatientId> found = number == null ? Optional.empty()
                : registry.findByRecordNumber(organizationId, number).map(Patient::id);
        if (found.isEmpty()) {
            problems.error(where, IssueType.NOTFOUND, "No patient has medical record number " + number + " at "
                    + organizationId + ".");
        }
        return found;
    }

    private List<Planned> plan(Bundle bundle, String organizationId, Map<String, PatientId> patients, Problems problems) {
        FhirTerser terser = fhir.newTerser();
        List<Planned> planned = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            String where = "Bundle.entry[" + i + "]";
            Resource resource = entry.getResource();
            if (resource == null) {
                problems.error(where, IssueType.REQUIRED, "The entry has no resource.");
                continue;
            }
            if (resource instanceof org.hl7.fhir.r4.model.Patient) {
                continue;
            }
            SearchColumns columns = SearchColumns.of(resource);
            PatientId patient = patientOf(columns.patient(), patients, organizationId, where, problems);
            Identifier identifier = terser.getValues(resource, "identifier", Identifier.class).stream()
                    .filter(id -> id.hasSystem() && id.hasValue()).findFirst().orElse(null);
            if (identifier == null) {
                problems.error(where + ".resource.identifier", IssueType.REQUIRED,
                        "The resource needs an identifier (system and value), so that importing it again updates it.");
                continue;
            }
            if (!seen.add(resource.fhirType() + " " + identifier.getSystem() + "|" + identifier.getValue())) {
                problems.error(where + ".resource.identifier", IssueType.DUPLICATE,
                        "Another entry of this bundle has the same identifier.");
                continue;
            }
            if (patient != null) {
                UUID id = store.idOf(resource.fhirType(), identifier.getSystem(), identifier.getValue())
                        .orElseGet(UUID::randomUUID);
                planned.add(new Planned(i, resource, id, patient, identifier, columns));
            }
        }
        return planned;
    }

    private @Nullable PatientId patientOf(@Nullable Reference reference, Map<String, PatientId> patients,
            String organizationId, String where, Problems problems) {
        String at = where + ".resource.subject";
        if (reference == null || !reference.hasReference()) {
            problems.error(at, IssueType.REQUIRED, "The resource must refer to its patient.");
            return null;
        }
        String target = reference.getReference();
        PatientId inBundle = patients.get(target);
        if (inBundle != null) {
            return inBundle;
        }
        String conditional = "Patient?identifier=";
        if (target.startsWith(conditional) && target.contains("|")) {
            String[] parts = target.substring(conditional.length()).split("\\|", 2);
            return findPatient(parts[0], parts[1], organizationId, at, problems).orElse(null);
        }
        problems.error(at, IssueType.NOTFOUND, "The resource refers to a patient that is neither in this bundle nor "
                + "found by record number: " + target);
        return null;
    }

    /** The problems found so far, as an OperationOutcome. */
    private static final class Problems {

        private final OperationOutcome outcome = new OperationOutcome();

        void error(String where, IssueType type, String text) {
            outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(text).addExpression(where);
        }

        boolean any() {
            return outcome.hasIssue();
        }

        ImportResult refused() {
            return new ImportResult.Refused(outcome);
        }

        ImportResult refuse(String where, IssueType type, String text) {
            error(where, type, text);
            return refused();
        }
    }
}
