package org.caregate;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every handler the portal serves, read from the application's own request mappings, so that tests
 * which must cover every page (record isolation, the authorisation matrix) cover a page added later
 * without being told; and how those tests fill an address and read an answer.
 */
public final class PortalEndpoints {

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)(:[^}]*)?}");

    private PortalEndpoints() {}

    /**
     * One method and address pattern of a handler.
     *
     * @param method the HTTP method, or {@code ANY} for a mapping that names none
     * @param pattern the pattern as mapped, regular expressions of its variables included
     */
    public record Endpoint(String method, String pattern, HandlerMethod handler) {

        /** "GET /{organizationId}/results/{id}": method and pattern, without the variables' regular expressions. */
        public String key() {
            return method + " " + VARIABLE.matcher(pattern).replaceAll("{$1}");
        }

        /** Reads data (GET, or a mapping for any method) rather than acting. */
        public boolean reads() {
            return method.equals("GET") || method.equals("ANY");
        }

        /** The names of the address's variables, in order. */
        public List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher matcher = VARIABLE.matcher(pattern);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        /** The address with its variables filled: {@code organizationId}, and {@code id} when given. */
        public String path(String organizationId, UUID id) {
            return path(organizationId).replace("{id}", id.toString());
        }

        /** The address at an organisation; other variables are left as {@code {name}}. */
        public String path(String organizationId) {
            return VARIABLE.matcher(pattern).replaceAll(match -> match.group(1).equals("organizationId")
                    ? organizationId : Matcher.quoteReplacement("{" + match.group(1) + "}"));
        }

        /** The {@link ForPatient} on the handler's {@link Viewing} parameter: what makes it a patient endpoint. */
        public Optional<ForPatient> forPatient() {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                ForPatient annotation = parameter.getParameterAnnotation(ForPatient.class);
                if (annotation != null && parameter.getParameterType() == Viewing.class) {
                    return Optional.of(annotation);
                }
            }
            return Optional.empty();
        }

        /** "ResultsController#result", for messages. */
        public String handlerName() {
            return handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName();
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Every method and pattern of every handler, sorted by pattern then method. */
    public static List<Endpoint> all(RequestMappingHandlerMapping mappings) {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            List<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? List.of("ANY")
                    : info.getMethodsCondition().getMethods().stream().map(RequestMethod::name).sorted().toList();
            for (String pattern : info.getPatternValues()) {
                for (String method : methods) {
                    endpoints.add(new Endpoint(method, pattern, handler));
                }
            }
        });
        endpoints.sort(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        return endpoints;
    }

    /**
     * One of the patient's stored resources of each type (and category), the newest: enough to try
     * every {@code {id}} page with, whatever type of item it shows.
     */
    public static List<UUID> samples(JdbcClient jdbc, UUID patient) {
        return jdbc.sql("""
                SELECT DISTINCT ON (resource_type, category) id FROM record_resource WHERE patient_id = ?
                ORDER BY resource_type, category, effective_at DESC NULLS LAST
                """).param(patient).query(UUID.class).list();
    }

    /** The text a person would read: a PDF's extracted text, anything else as sent. */
    public static String readable(HttpResponse<byte[]> answer) throws IOException {
        if (answer.headers().firstValue("Content-Type").orElse("").startsWith("application/pdf")) {
            try (PDDocument pdf = Loader.loadPDF(answer.body())) {
                return new PDFTextStripper().getText(pdf);
            }
        }
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
