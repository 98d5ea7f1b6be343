package org.caregate.fhirapi.internal;

import static org.caregate.fhirapi.internal.Descriptions.ID;
import static org.caregate.fhirapi.internal.Descriptions.INTENT;
import static org.caregate.fhirapi.internal.Descriptions.PATIENT;
import static org.caregate.fhirapi.internal.Descriptions.STATUS;
import static org.caregate.fhirapi.internal.Descriptions.SUBJECT;

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
            @OptionalParam(name = "patient") @Description(shortDefinition = PATIENT) @Nullable ReferenceAndListParam patient,
            @OptionalParam(name = "subject") @Description(shortDefinition = SUBJECT) @Nullable ReferenceAndListParam subject,
            @OptionalParam(name = "intent") @Description(shortDefinition = INTENT) @Nullable TokenAndListParam intent,
            @OptionalParam(name = "status") @Description(shortDefinition = STATUS) @Nullable TokenAndListParam status,
            @OptionalParam(name = "authoredon") @Description(shortDefinition = "When it was prescribed (authoredOn)")
            @Nullable DateAndListParam authoredon,
            @OptionalParam(name = "_id") @Description(shortDefinition = ID) @Nullable TokenAndListParam id,
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
