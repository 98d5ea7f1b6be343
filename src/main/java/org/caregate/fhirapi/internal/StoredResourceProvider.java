package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/** A resource provider for one type the record stores: read by id here, search in each type's own provider. */
abstract class StoredResourceProvider implements IResourceProvider {

    private final StoredResources resources;
    private final AppRequests apps;
    private final String resourceType;

    StoredResourceProvider(StoredResources resources, AppRequests apps, String resourceType) {
        this.resources = resources;
        this.apps = apps;
        this.resourceType = resourceType;
    }

    @Read
    public Resource read(@IdParam IdType id) {
        return resources.read(apps.current(), resourceType, id);
    }

    /** The search every type's provider declares with its own parameters. */
    IBundleProvider search(SearchCriteria criteria, @Nullable Integer count, @Nullable Integer offset) {
        return resources.search(apps.current(), resourceType, criteria, count, offset);
    }
}
