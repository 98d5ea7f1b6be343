package org.caregate.fhirapi.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.caregate.record.RecordSearch;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletConfig;
import org.springframework.mock.web.MockServletContext;

/**
 * The FHIR API's servlet as the application builds it (the same providers, errors and capability
 * statement), asked by {@link CallingApp} instead of a bearer token, and called with servlet
 * requests in memory: HAPI's parsing, paging links and error answers, without the security filters.
 */
final class FhirApiHarness {

    static final String BASE = "http://portal.example/fhir";

    final CallingApp app = new CallingApp();
    final StoredResources resources;
    private final FhirApiServer server;

    FhirApiHarness(FhirContext fhir, RecordSearch records, List<IResourceProvider> providers) {
        AppRequests requests = app.requests();
        resources = new StoredResources(records, requests, fhir);
        List<IResourceProvider> asking = new ArrayList<>();
        for (IResourceProvider provider : providers) {
            try {
                asking.add(provider.getClass().getDeclaredConstructor(StoredResources.class, AppRequests.class)
                        .newInstance(resources, requests));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(provider.getClass() + " is not made as the harness expects", e);
            }
        }
        server = new FhirApiServer(fhir, asking, new ServerErrors(), new SmartCapabilities());
        try {
            server.init(new MockServletConfig(new MockServletContext(), "fhirApi"));
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        }
    }

    MockHttpServletResponse get(String pathAndQuery) {
        return call("GET", pathAndQuery);
    }

    /** A request to a full address under {@link #BASE}, such as a next link. */
    MockHttpServletResponse getUrl(String url) {
        if (!url.startsWith(BASE + "/")) {
            throw new IllegalArgumentException("not under the base: " + url);
        }
        return get(url.substring(BASE.length()));
    }

    MockHttpServletResponse call(String method, String pathAndQuery) {
        URI uri = URI.create(BASE + pathAndQuery.replace("|", "%7C").replace(" ", "%20"));
        var request = new MockHttpServletRequest(method, uri.getRawPath());
        request.setScheme("http");
        request.setServerName("portal.example");
        request.setServerPort(80);
        request.setContextPath("");
        request.setServletPath("/fhir");
        request.setPathInfo(uri.getPath().substring("/fhir".length()));
        if (uri.getRawQuery() != null) {
            request.setQueryString(uri.getRawQuery());
            for (String pair : uri.getRawQuery().split("&")) {
                String[] parts = pair.split("=", 2);
                request.addParameter(decode(parts[0]), parts.length > 1 ? decode(parts[1]) : "");
            }
        }
        var response = new MockHttpServletResponse();
        try {
            server.service(request, response);
        } catch (ServletException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (request.getSession(false) != null) {
            throw new AssertionError("The FHIR API made a session for " + method + " " + pathAndQuery);
        }
        return response;
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
