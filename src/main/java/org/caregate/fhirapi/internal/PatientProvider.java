package org.caregate.fhirapi.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Patient, from the registry: only the token's patient, whose FHIR id is their registry id (what the
 * record's references point at).
 */
@Component
class PatientProvider implements IResourceProvider {

    private final StoredResources resources;
    private final AppRequests apps;

    PatientProvider(StoredResources resources, AppRequests apps) {
        this.resources = resources;
        this.apps = apps;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return resources.readPatient(apps.current(), id);
    }

    @Search
    public IBundleProvider search(
            @Description(shortDefinition = "The patient's id: only the token's patient") @OptionalParam(name = "_id") @Nullable TokenAndListParam id,
            @Description(shortDefinition = "A record number: system|value or value") @OptionalParam(name = "identifier") @Nullable TokenAndListParam identifier,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return resources.searchPatient(apps.current(), new SearchCriteria().patientId(id), identifier, count, offset);
    }
}
