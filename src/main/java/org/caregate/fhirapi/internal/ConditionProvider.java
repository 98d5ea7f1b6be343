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
            @Description(shortDefinition = "The patient: Patient/<id> or <id>; only the token's patient") @OptionalParam(name = "patient") @Nullable ReferenceAndListParam patient,
            @Description(shortDefinition = "As patient") @OptionalParam(name = "subject") @Nullable ReferenceAndListParam subject,
            @Description(shortDefinition = "The category: code, system|code or |code (the first category the resource has)") @OptionalParam(name = "category") @Nullable TokenAndListParam category,
            @Description(shortDefinition = "The clinical status (active, resolved…)") @OptionalParam(name = "clinical-status") @Nullable TokenAndListParam clinicalStatus,
            @Description(shortDefinition = "The code: code, system|code, |code or system| (the first coding)") @OptionalParam(name = "code") @Nullable TokenAndListParam code,
            @Description(shortDefinition = "The onset (a Condition without one never matches)") @OptionalParam(name = "onset-date") @Nullable DateAndListParam onsetDate,
            @Description(shortDefinition = "The resource's id") @OptionalParam(name = "_id") @Nullable TokenAndListParam id,
            @Description(shortDefinition = "When the portal last stored a change") @OptionalParam(name = "_lastUpdated") @Nullable DateAndListParam lastUpdated,
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
