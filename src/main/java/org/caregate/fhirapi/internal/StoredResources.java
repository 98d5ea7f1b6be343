package org.caregate.fhirapi.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.UUID;
import org.caregate.apps.AppAccess;
import org.caregate.record.RecordSearch;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Reads and searches for one app call: the token's scopes first, then whose record (only the token's
 * patient, whatever the request names), then the record's answer, audited before it is sent.
 */
@Component
class StoredResources {

    /** A page holds this many when the app does not say. */
    static final int DEFAULT_COUNT = 50;

    /** At most this many a page, whatever {@code _count} asks: a bigger one gets this many and a next link. */
    static final int MAX_COUNT = 100;

    private final RecordSearch records;
    private final AppRequests apps;
    private final FhirContext fhir;

    StoredResources(RecordSearch records, AppRequests apps, FhirContext fhir) {
        this.records = records;
        this.apps = apps;
        this.fhir = fhir;
    }

    /**
     * One of the patient's resources by id.
     *
     * @throws ResourceNotFoundException (404) for an id that is not the token's patient's, of another
     *     type, unknown, confidential where the viewing hides it, or held back: all alike
     */
    Resource read(AppAccess access, String resourceType, IIdType id) {
        apps.mayRead(access, resourceType);
        UUID uuid = SearchCriteria.uuid(id.getIdPart()).orElseThrow(() -> notFound(resourceType));
        RecordSearch.Found found = records.read(access.viewing(), resourceType, uuid).orElseThrow(() -> notFound(resourceType));
        Resource resource = (Resource) parser().parseResource(found.json());
        apps.served(access, "read", resourceType, List.of(found.id()));
        return resource;
    }

    /** A page of the patient's resources of one type, newest first. */
    IBundleProvider search(AppAccess access, String resourceType, SearchCriteria criteria, @Nullable Integer count,
            @Nullable Integer offset) {
        apps.maySearch(access, resourceType);
        criteria.onlyFor(access.viewing().patient());
        int size = pageSize(count);
        int from = offset(offset);
        RecordSearch.Page page = records.search(access.viewing(),
                new RecordSearch.Query(resourceType, criteria.criteria(), from, size));
        IParser parser = parser();
        List<Resource> resources = page.found().stream().map(found -> (Resource) parser.parseResource(found.json())).toList();
        apps.served(access, "search", resourceType, page.ids());
        return new SearchPage(resources, from, size, page.more());
    }

    /**
     * The token's patient, from the registry: name, birth date, gender and record number, no contact
     * details.
     *
     * @throws ResourceNotFoundException (404) for any other id, as if it did not exist
     */
    Patient readPatient(AppAccess access, IIdType id) {
        apps.mayRead(access, "Patient");
        if (!SearchCriteria.uuid(id.getIdPart()).map(access.viewing().patient().value()::equals).orElse(false)) {
            throw notFound("Patient");
        }
        Patient patient = records.patient(access.viewing()).orElseThrow(() -> notFound("Patient"));
        apps.served(access, "read", "Patient", List.of(access.viewing().patient().value()));
        return patient;
    }

    /**
     * The token's patient as a searchset of one, or of none when an identifier asked for is not theirs.
     *
     * @param criteria with the {@code _id}s the search named: any other patient's is refused (403)
     */
    IBundleProvider searchPatient(AppAccess access, SearchCriteria criteria, @Nullable TokenAndListParam identifier,
            @Nullable Integer count, @Nullable Integer offset) {
        apps.maySearch(access, "Patient");
        criteria.onlyFor(access.viewing().patient());
        int size = pageSize(count);
        int from = offset(offset);
        Patient patient = records.patient(access.viewing()).orElse(null);
        boolean found = patient != null && from == 0 && (identifier == null || identifier.getValuesAsQueryTokens().stream()
                .allMatch(anyOf -> SearchCriteria.anyIdentifierOf(patient, anyOf)));
        apps.served(access, "search", "Patient", found ? List.of(access.viewing().patient().value()) : List.of());
        return new SearchPage(found ? List.of(patient) : List.of(), from, size, false);
    }

    static int pageSize(@Nullable Integer count) {
        if (count == null) {
            return DEFAULT_COUNT;
        }
        if (count < 1) {
            throw new InvalidRequestException("_count must be a whole number from 1 to " + MAX_COUNT + ".");
        }
        return Math.min(count, MAX_COUNT);
    }

    static int offset(@Nullable Integer offset) {
        if (offset == null) {
            return 0;
        }
        if (offset < 0) {
            throw new InvalidRequestException("_offset must be 0 or more.");
        }
        return offset;
    }

    static ResourceNotFoundException notFound(String resourceType) {
        return new ResourceNotFoundException("No such " + resourceType + " in the record this token gives access to.");
    }

    private IParser parser() {
        return fhir.newJsonParser();
    }
}
