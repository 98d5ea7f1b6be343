package org.caregate.fhirapi.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import org.caregate.record.RecordSearch.DateElement;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** MedicationRequest: read by id, and search within the token's patient's record. */
@Component
class MedicationRequestProvider extends StoredResourceProvider {

    MedicationRequestProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "MedicationRequest");
    }

    @Override
    public Class<MedicationRequest> getResourceType() {
        return MedicationRequest.class;
    }

    @Search
    public IBundleProvider search(
            @Description(shortDefinition = "The patient: Patient/<id> or <id>; only the token's patient") @OptionalParam(name = "patient") @Nullable ReferenceAndListParam patient,
            @Description(shortDefinition = "As patient") @OptionalParam(name = "subject") @Nullable ReferenceAndListParam subject,
            @Description(shortDefinition = "The intent (order, plan…)") @OptionalParam(name = "intent") @Nullable TokenAndListParam intent,
            @Description(shortDefinition = "The status") @OptionalParam(name = "status") @Nullable TokenAndListParam status,
            @Description(shortDefinition = "When it was prescribed") @OptionalParam(name = "authoredon") @Nullable DateAndListParam authoredon,
            @Description(shortDefinition = "The resource's id") @OptionalParam(name = "_id") @Nullable TokenAndListParam id,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .subject(subject)
                .intent(intent)
                .status("status", status)
                .date("authoredon", DateElement.CLINICAL, authoredon)
                .id(id), count, offset);
    }
}
