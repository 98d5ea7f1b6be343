package org.caregate.fhirapi.internal;

import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import java.util.Set;

/**
 * What HAPI would otherwise answer loosely. The API only reads: any other method is 405 (HAPI says
 * 400). HAPI passes many {@code _} parameters through to a search without applying them ({@code _tag},
 * {@code _has}, {@code _sort}…), which would answer a narrower question with the whole record: those
 * are refused (400), as HAPI refuses any other parameter a search does not declare. Run by the server
 * before it picks a provider (not as a HAPI hook, whose exceptions HAPI logs as errors).
 */
final class RequestChecks {

    /** Result parameters HAPI applies itself, and those every search declares. */
    private static final Set<String> APPLIED = Set.of("_count", "_offset", "_format", "_pretty", "_summary", "_elements",
            "_elements:exclude", "_id", "_lastUpdated");

    private static final Set<String> FORMATS = Set.of("json", "xml", "application/json", "application/xml",
            "application/fhir+json", "application/fhir+xml");

    private RequestChecks() {}

    static void check(RequestDetails request) {
        RequestTypeEnum method = request.getRequestType();
        boolean postSearch = method == RequestTypeEnum.POST && request.getRequestPath().endsWith("/_search");
        if (method != RequestTypeEnum.GET && method != RequestTypeEnum.OPTIONS && !postSearch) {
            throw new MethodNotAllowedException("This API only reads: use GET (or POST to <type>/_search).",
                    RequestTypeEnum.GET);
        }
        for (var parameter : request.getParameters().entrySet()) {
            String name = parameter.getKey();
            if (!name.startsWith("_") || APPLIED.contains(name)) {
                continue;
            }
            throw new InvalidRequestException("Parameter '" + name + "' is not supported by this server"
                    + (name.equals("_sort") ? ": results come newest first." : "."));
        }
        for (String summary : request.getParameters().getOrDefault("_summary", new String[0])) {
            if (summary.equals("count")) {
                throw new InvalidRequestException("_summary=count is not supported: searches are not counted.");
            }
        }
        for (String format : request.getParameters().getOrDefault("_format", new String[0])) {
            if (!FORMATS.contains(format)) {
                // The refusal itself in JSON, not in the format refused.
                request.removeParameter("_format");
                throw new InvalidRequestException("_format must be json or xml.");
            }
        }
    }
}
