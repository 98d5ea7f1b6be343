package org.caregate.fhirapi.internal;

import static org.caregate.fhirapi.internal.Descriptions.CATEGORY;
import static org.caregate.fhirapi.internal.Descriptions.CLINICAL_STATUS;
import static org.caregate.fhirapi.internal.Descriptions.CODE;
import static org.caregate.fhirapi.internal.Descriptions.ID;
import static org.caregate.fhirapi.internal.Descriptions.LAST_UPDATED;
import static org.caregate.fhirapi.internal.Descriptions.PATIENT;
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
import org.hl7.fhir.r4.model.Condition;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Condition: read by id, and search within the token's patient's record. */
@Component
class ConditionProvider extends StoredResourceProvider {

    ConditionProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "Condition");
    }

    @Override
    public Class<Condition> getResourceType() {
        return Condition.class;
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "patient") @Description(shortDefinition = PATIENT) @Nullable ReferenceAndListParam patient,
            @OptionalParam(name = "subject") @Description(shortDefinition = SUBJECT) @Nullable ReferenceAndListParam subject,
            @OptionalParam(name = "category") @Description(shortDefinition = CATEGORY) @Nullable TokenAndListParam category,
            @OptionalParam(name = "clinical-status") @Description(shortDefinition = CLINICAL_STATUS) @Nullable TokenAndListParam clinicalStatus,
            @OptionalParam(name = "code") @Description(shortDefinition = CODE) @Nullable TokenAndListParam code,
            @OptionalParam(name = "onset-date") @Description(shortDefinition = "The onset (a Condition without one never matches)")
            @Nullable DateAndListParam onsetDate,
            @OptionalParam(name = "_id") @Description(shortDefinition = ID) @Nullable TokenAndListParam id,
            @OptionalParam(name = "_lastUpdated") @Description(shortDefinition = LAST_UPDATED) @Nullable DateAndListParam lastUpdated,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .subject(subject)
                .category("category", category)
                .status("clinical-status", clinicalStatus)
                .code("code", code)
                .date("onset-date", DateElement.CLINICAL, onsetDate)
                .id(id)
                .date("_lastUpdated", DateElement.LAST_UPDATED, lastUpdated), count, offset);
    }
}
