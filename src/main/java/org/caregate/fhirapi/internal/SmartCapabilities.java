package org.caregate.fhirapi.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;
import org.springframework.stereotype.Component;

/**
 * What HAPI writes at {@code /fhir/metadata} from the providers, corrected and completed: how apps
 * get a token (SMART on FHIR's security service and its OAuth endpoints, at the address the request
 * came to: behind a load balancer, the forwarded one), the US Core server statement it follows, and
 * nothing this server does not do.
 */
@Component
class SmartCapabilities {

    static final String US_CORE_SERVER = "http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server|6.1.0";
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";
    static final String SECURITY_SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

    /**
     * The US Core 6.1.0 profiles what is served follows, by type (FhirApiValidationIntegrationTests
     * validates one of each kind against them). US Core has no Appointment profile.
     */
    static final Map<String, List<String>> US_CORE_PROFILES = Map.ofEntries(
            Map.entry("Patient", List.of("us-core-patient")),
            Map.entry("AllergyIntolerance", List.of("us-core-allergyintolerance")),
            Map.entry("Condition", List.of("us-core-condition-problems-health-concerns", "us-core-condition-encounter-diagnosis")),
            Map.entry("Observation", List.of("us-core-observation-lab", "us-core-vital-signs", "us-core-blood-pressure",
                    "us-core-heart-rate", "us-core-body-weight", "us-core-body-height", "us-core-bmi", "us-core-body-temperature")),
            Map.entry("MedicationRequest", List.of("us-core-medicationrequest")),
            Map.entry("Immunization", List.of("us-core-immunization")),
            Map.entry("Encounter", List.of("us-core-encounter")),
            Map.entry("Procedure", List.of("us-core-procedure")),
            Map.entry("DiagnosticReport", List.of("us-core-diagnosticreport-lab", "us-core-diagnosticreport-note")),
            Map.entry("DocumentReference", List.of("us-core-documentreference")));

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describe(IBaseConformance generated, RequestDetails request) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        // HAPI keeps the statement it generated for a while and hands each request a copy: what
        // depends on the request is set here, every time.
        statement.getImplementation().setUrl(request.getFhirServerBase());
        statement.setName("CaregateFhirApi").setTitle("Caregate FHIR API").setPublisher("Caregate");
        statement.addInstantiates(US_CORE_SERVER);
        // HAPI also lists RDF Turtle; this server answers in JSON (the default) or XML.
        statement.getFormat().clear();
        statement.addFormat("json").addFormat("xml").addFormat("application/fhir+json").addFormat("application/fhir+xml");

        CapabilityStatementRestComponent rest = statement.getRestFirstRep();
        // HAPI lists _include, _revinclude and its own operation definitions; none are served here.
        rest.getResource().removeIf(resource -> resource.getType().equals("OperationDefinition"));
        rest.getResource().forEach(resource -> {
            resource.getSearchInclude().clear();
            resource.getSearchRevInclude().clear();
            US_CORE_PROFILES.getOrDefault(resource.getType(), List.of())
                    .forEach(profile -> resource.addSupportedProfile(US_CORE + profile));
        });
        rest.setSecurity(security(request.getFhirServerBase().replaceAll("/fhir/?$", "")));
    }

    private static CapabilityStatementRestSecurityComponent security(String base) {
        var oauth = new Extension(OAUTH_URIS);
        for (String endpoint : new String[] {"authorize", "token", "revoke", "introspect"}) {
            oauth.addExtension(endpoint, new UriType(base + "/oauth2/" + endpoint));
        }
        var security = new CapabilityStatementRestSecurityComponent()
                .addService(new CodeableConcept(new Coding(SECURITY_SERVICES, "SMART-on-FHIR", "SMART-on-FHIR"))
                        .setText("OAuth2 using SMART on FHIR"))
                .setDescription("Bearer tokens from this portal's SMART on FHIR authorisation server. A token reads one "
                        + "patient's record, within the scopes approved for the app.");
        security.addExtension(oauth);
        return security;
    }
}
