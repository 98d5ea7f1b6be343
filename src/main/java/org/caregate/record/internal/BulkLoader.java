package org.caregate.record.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.FhirTerser;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.caregate.organization.Organizations;
import org.caregate.patient.Patient;
import org.caregate.patient.PatientId;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordBulkLoad;
import org.caregate.record.RecordIdentifiers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RecordBulkLoad}: turns the bundles into rows on every core (the JSON encoding is most of
 * the work) and streams them into one PostgreSQL {@code COPY}, which writes the rows and their index
 * entries while the next bundles are encoded.
 */
@Service
class BulkLoader implements RecordBulkLoad {

    private static final String COPY = """
            COPY record_resource (id, resource_type, patient_id, organization_id, identifier_system, identifier_value,
                category, code_system, code, effective_at, status, confidential, version, last_updated, first_stored_at,
                content_hash, resource) FROM STDIN""";

    private final FhirContext fhir;
    private final PatientRegistry registry;
    private final Organizations organizations;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Clock clock;

    BulkLoader(FhirContext fhir, PatientRegistry registry, Organizations organizations, DataSource dataSource,
            TransactionTemplate transaction, Clock clock) {
        this.fhir = fhir;
        this.registry = registry;
        this.organizations = organizations;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One bundle's rows in COPY's text format. */
    private record Rows(byte[] text, int count) {}

    @Override
    public long load(String organizationId, List<Bundle> bundles) {
        if (organizations.find(organizationId).isEmpty()) {
            throw new IllegalArgumentException("No organisation " + organizationId + " in this portal");
        }
        Long written = transaction.execute(status -> {
            // In the caller's thread and transaction, which may have just registered the patients.
            List<PatientId> patients = bundles.stream().map(bundle -> patientOf(bundle, organizationId)).toList();
            Instant now = clock.instant();
            Connection connection = DataSourceUtils.getConnection(dataSource);
            try {
                return copy(connection, organizationId, bundles, patients, now);
            } catch (SQLException e) {
                DataAccessException translated = new SQLStateSQLExceptionTranslator().translate("COPY record_resource", COPY, e);
                throw translated != null ? translated : new UncategorizedSQLException("COPY record_resource", COPY, e);
            } finally {
                DataSourceUtils.releaseConnection(connection, dataSource);
            }
        });
        return written == null ? 0 : written;
    }

    private long copy(Connection connection, String organizationId, List<Bundle> bundles, List<PatientId> patients,
            Instant now) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            AtomicLong count = new AtomicLong();
            IntStream.range(0, bundles.size()).parallel().forEach(i -> {
                Rows rows = rows(organizationId, bundles.get(i), patients.get(i), now);
                synchronized (copy) {
                    try {
                        copy.writeToCopy(rows.text(), 0, rows.text().length);
                    } catch (SQLException e) {
                        throw new CopyFailed(e);
                    }
                }
                count.addAndGet(rows.count());
            });
            copy.endCopy();
            return count.get();
        } catch (CopyFailed e) {
            throw e.getCause();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private PatientId patientOf(Bundle bundle, String organizationId) {
        String system = RecordIdentifiers.mrnSystem(organizationId);
        List<String> numbers = bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .filter(org.hl7.fhir.r4.model.Patient.class::isInstance)
                .flatMap(patient -> ((org.hl7.fhir.r4.model.Patient) patient).getIdentifier().stream())
                .filter(id -> system.equals(id.getSystem()) && id.hasValue()).map(Identifier::getValue).toList();
        if (numbers.size() != 1) {
            throw new IllegalArgumentException("A bundle needs one Patient with a record number at " + organizationId);
        }
        return registry.findByRecordNumber(organizationId, numbers.getFirst()).map(Patient::id)
                .orElseThrow(() -> new IllegalArgumentException("No patient has that record number at " + organizationId));
    }

    /** The stored form of each resource, as {@link BundleImporter} and {@link RecordStore} make it. */
    private Rows rows(String organizationId, Bundle bundle, PatientId patient, Instant now) {
        FhirTerser terser = fhir.newTerser();
        IParser json = fhir.newJsonParser();
        Map<String, String> targets = new HashMap<>();
        List<Resource> resources = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource instanceof org.hl7.fhir.r4.model.Patient) {
                targets.put(entry.getFullUrl(), "Patient/" + patient.value());
                continue;
            }
            UUID id = UUID.randomUUID();
            targets.put(entry.getFullUrl(), resource.fhirType() + "/" + id);
            resources.add(resource);
            ids.add(id);
        }
        var references = new BundleReferences(targets);
        String lastUpdated = new InstantType(Date.from(now)).getValueAsString();
        StringBuilder text = new StringBuilder(resources.size() * 1_500);
        for (int i = 0; i < resources.size(); i++) {
            Resource resource = resources.get(i);
            SearchColumns columns = SearchColumns.of(resource);
            Identifier identifier = terser.getValues(resource, "identifier", Identifier.class).stream()
                    .filter(id -> id.hasSystem() && id.hasValue()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("A " + resource.fhirType() + " has no identifier"));
            references.resolve(terser, resource, patient);
            resource.setId((String) null);
            resource.getMeta().setVersionId(null).setLastUpdated(null);
            String incoming = json.encodeResourceToString(resource);
            byte[] hash = RecordStore.sha256(incoming);
            String stored = withIdAndMeta(incoming, resource.fhirType(), ids.get(i), lastUpdated);

            Coding code = columns.code();
            field(text, ids.get(i).toString()).append('\t');
            field(text, resource.fhirType()).append('\t');
            field(text, patient.value().toString()).append('\t');
            field(text, organizationId).append('\t');
            field(text, identifier.getSystem()).append('\t');
            field(text, identifier.getValue()).append('\t');
            field(text, columns.category()).append('\t');
            field(text, code == null ? null : code.getSystem()).append('\t');
            field(text, code == null ? null : code.getCode()).append('\t');
            field(text, columns.effectiveAt() == null ? null : columns.effectiveAt().toString()).append('\t');
            field(text, columns.status()).append('\t');
            text.append(columns.confidential() ? 't' : 'f').append('\t');
            text.append("1\t").append(now).append('\t').append(now).append('\t');
            text.append("\\\\x").append(HexFormat.of().formatHex(hash)).append('\t');
            field(text, stored).append('\n');
        }
        return new Rows(text.toString().getBytes(StandardCharsets.UTF_8), resources.size());
    }

    /**
     * The JSON as HAPI encodes the resource once it has its id, {@code meta.versionId} 1 and
     * {@code meta.lastUpdated}: the encoder writes {@code resourceType}, {@code id}, then {@code meta}
     * with {@code versionId} and {@code lastUpdated} first, so they can be put in the encoded text
     * without encoding the resource a second time (which is a third of the work here).
     */
    static String withIdAndMeta(String json, String resourceType, UUID id, String lastUpdated) {
        String start = "{\"resourceType\":\"" + resourceType + "\"";
        String meta = ",\"meta\":{";
        if (!json.startsWith(start)) {
            throw new IllegalStateException("Unexpected JSON for a " + resourceType);
        }
        String rest = json.substring(start.length());
        StringBuilder stored = new StringBuilder(json.length() + 120).append(start)
                .append(",\"id\":\"").append(id).append("\",\"meta\":{\"versionId\":\"1\",\"lastUpdated\":\"")
                .append(lastUpdated).append('"');
        if (rest.startsWith(meta)) {
            return stored.append(',').append(rest, meta.length(), rest.length()).toString();
        }
        return stored.append('}').append(rest).toString();
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped; no value is {@code \N}. */
    private static StringBuilder field(StringBuilder text, @Nullable String value) {
        if (value == null) {
            return text.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(c);
            }
        }
        return text;
    }

    /** Carries a failed write out of the encoding threads. */
    private static final class CopyFailed extends RuntimeException {

        CopyFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
