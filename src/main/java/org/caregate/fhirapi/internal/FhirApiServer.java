package org.caregate.fhirapi.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.ETagSupportEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.List;

/**
 * HAPI FHIR's plain server at {@code /fhir}: one provider per type, JSON unless XML is asked for, no
 * narratives generated, paging by offset (nothing kept between pages), errors as OperationOutcome
 * ({@link ServerErrors}), and the SMART CapabilityStatement ({@link SmartCapabilities}). Who may call
 * is decided before the request arrives (the {@code apps} module's bearer tokens) and again in each
 * provider; this servlet never uses a session.
 */
class FhirApiServer extends RestfulServer {

    @Serial
    private static final long serialVersionUID = 1L;

    FhirApiServer(FhirContext fhir, List<IResourceProvider> providers, ServerErrors errors, SmartCapabilities capabilities) {
        super(fhir);
        setResourceProviders(providers);
        registerInterceptor(errors);
        registerInterceptor(capabilities);
        setDefaultResponseEncoding(EncodingEnum.JSON);
        setETagSupport(ETagSupportEnum.ENABLED);
        setServerName("Caregate FHIR API");
        setImplementationDescription("Caregate patient access API (FHIR R4, US Core)");
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        // Health data: no browser or proxy keeps a copy.
        response.setHeader("Cache-Control", "no-store");
        super.service(request, response);
    }

    @Override
    protected void validateRequest(ServletRequestDetails request) {
        super.validateRequest(request);
        RequestChecks.check(request);
    }

    /** No X-Powered-By header naming the library and its version. */
    @Override
    public void addHeadersToResponse(HttpServletResponse response) {}
}
