package org.caregate.fhirapi.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** AllergyIntolerance: read by id, and search within the token's patient's record. */
@Component
class AllergyIntoleranceProvider extends StoredResourceProvider {

    AllergyIntoleranceProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "AllergyIntolerance");
    }

    @Override
    public Class<AllergyIntolerance> getResourceType() {
        return AllergyIntolerance.class;
    }

    @Search
    public IBundleProvider search(
            @Description(shortDefinition = "The patient: Patient/<id> or <id>; only the token's patient") @OptionalParam(name = "patient") @Nullable ReferenceAndListParam patient,
            @Description(shortDefinition = "The clinical status (active, resolved…)") @OptionalParam(name = "clinical-status") @Nullable TokenAndListParam clinicalStatus,
            @Description(shortDefinition = "The resource's id") @OptionalParam(name = "_id") @Nullable TokenAndListParam id,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .status("clinical-status", clinicalStatus)
                .id(id), count, offset);
    }
}
