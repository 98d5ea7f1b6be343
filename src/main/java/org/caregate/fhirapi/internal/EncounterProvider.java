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
import org.hl7.fhir.r4.model.Encounter;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Encounter: read by id, and search within the token's patient's record. */
@Component
class EncounterProvider extends StoredResourceProvider {

    EncounterProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "Encounter");
    }

    @Override
    public Class<Encounter> getResourceType() {
        return Encounter.class;
    }

    @Search
    public IBundleProvider search(
            @Description(shortDefinition = "The patient: Patient/<id> or <id>; only the token's patient") @OptionalParam(name = "patient") @Nullable ReferenceAndListParam patient,
            @Description(shortDefinition = "As patient") @OptionalParam(name = "subject") @Nullable ReferenceAndListParam subject,
            @Description(shortDefinition = "The class: code or system|code") @OptionalParam(name = "class") @Nullable TokenAndListParam encounterClass,
            @Description(shortDefinition = "The type: code, system|code, |code or system| (the first coding)") @OptionalParam(name = "type") @Nullable TokenAndListParam type,
            @Description(shortDefinition = "The status") @OptionalParam(name = "status") @Nullable TokenAndListParam status,
            @Description(shortDefinition = "The EHR's identifier: system|value or value") @OptionalParam(name = "identifier") @Nullable TokenAndListParam identifier,
            @Description(shortDefinition = "When the visit started") @OptionalParam(name = "date") @Nullable DateAndListParam date,
            @Description(shortDefinition = "The resource's id") @OptionalParam(name = "_id") @Nullable TokenAndListParam id,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .subject(subject)
                .category("class", encounterClass)
                .code("type", type)
                .status("status", status)
                .identifier(identifier)
                .date("date", DateElement.CLINICAL, date)
                .id(id), count, offset);
    }
}
