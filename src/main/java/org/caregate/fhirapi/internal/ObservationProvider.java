package org.caregate.fhirapi.internal;

import static org.caregate.fhirapi.internal.Descriptions.CATEGORY;
import static org.caregate.fhirapi.internal.Descriptions.CODE;
import static org.caregate.fhirapi.internal.Descriptions.ID;
import static org.caregate.fhirapi.internal.Descriptions.LAST_UPDATED;
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
import org.hl7.fhir.r4.model.Observation;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Observation: read by id, and search within the token's patient's record. */
@Component
class ObservationProvider extends StoredResourceProvider {

    ObservationProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "Observation");
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "patient") @Description(shortDefinition = PATIENT) @Nullable ReferenceAndListParam patient,
            @OptionalParam(name = "subject") @Description(shortDefinition = SUBJECT) @Nullable ReferenceAndListParam subject,
            @OptionalParam(name = "category") @Description(shortDefinition = CATEGORY) @Nullable TokenAndListParam category,
            @OptionalParam(name = "code") @Description(shortDefinition = CODE) @Nullable TokenAndListParam code,
            @OptionalParam(name = "status") @Description(shortDefinition = STATUS) @Nullable TokenAndListParam status,
            @OptionalParam(name = "date") @Description(shortDefinition = "When it was taken (effective), a period by its start")
            @Nullable DateAndListParam date,
            @OptionalParam(name = "_id") @Description(shortDefinition = ID) @Nullable TokenAndListParam id,
            @OptionalParam(name = "_lastUpdated") @Description(shortDefinition = LAST_UPDATED) @Nullable DateAndListParam lastUpdated,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .subject(subject)
                .category("category", category)
                .code("code", code)
                .status("status", status)
                .date("date", DateElement.CLINICAL, date)
                .id(id)
                .date("_lastUpdated", DateElement.LAST_UPDATED, lastUpdated), count, offset);
    }
}
