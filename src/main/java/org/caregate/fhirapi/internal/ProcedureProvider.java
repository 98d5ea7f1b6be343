package org.caregate.fhirapi.internal;

import static org.caregate.fhirapi.internal.Descriptions.CODE;
import static org.caregate.fhirapi.internal.Descriptions.ID;
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
import org.hl7.fhir.r4.model.Procedure;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Procedure: read by id, and search within the token's patient's record. */
@Component
class ProcedureProvider extends StoredResourceProvider {

    ProcedureProvider(StoredResources resources, AppRequests apps) {
        super(resources, apps, "Procedure");
    }

    @Override
    public Class<Procedure> getResourceType() {
        return Procedure.class;
    }

    @Search
    public IBundleProvider search(
            @OptionalParam(name = "patient") @Description(shortDefinition = PATIENT) @Nullable ReferenceAndListParam patient,
            @OptionalParam(name = "subject") @Description(shortDefinition = SUBJECT) @Nullable ReferenceAndListParam subject,
            @OptionalParam(name = "code") @Description(shortDefinition = CODE) @Nullable TokenAndListParam code,
            @OptionalParam(name = "status") @Description(shortDefinition = STATUS) @Nullable TokenAndListParam status,
            @OptionalParam(name = "date") @Description(shortDefinition = "When it was done (performed), a period by its start")
            @Nullable DateAndListParam date,
            @OptionalParam(name = "_id") @Description(shortDefinition = ID) @Nullable TokenAndListParam id,
            @Count @Nullable Integer count,
            @Offset @Nullable Integer offset) {
        return search(new SearchCriteria()
                .patient(patient)
                .subject(subject)
                .code("code", code)
                .status("status", status)
                .date("date", DateElement.CLINICAL, date)
                .id(id), count, offset);
    }
}
