package org.caregate.record.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organization;
import org.caregate.record.ImportResult;
import org.caregate.record.web.StaffImports.Way;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /staff/record/import?organization=<id>}: a FHIR transaction or batch Bundle from a
 * script run by a staff administrator, with their session cookie and its CSRF token in
 * {@code X-CSRF-TOKEN}. Interim: SMART backend services (issue 8) will replace the session.
 * Answers, all {@code application/fhir+json}: 200 with the transaction-response or batch-response;
 * 400 for a body that is not a FHIR Bundle in UTF-8 JSON, or no organisation named; 404 for an
 * unknown organisation; 413 over {@code caregate.record.import-max-bytes}; 415 for another content
 * type; 422 for a bundle that was read and refused. Each refusal is an OperationOutcome.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize("hasRole('ADMINISTRATOR')")
class ImportEndpoint {

    private static final List<MediaType> ACCEPTED = List.of(MediaType.parseMediaType("application/fhir+json"),
            MediaType.APPLICATION_JSON);

    private final StaffImports imports;
    private final FhirAnswers answers;

    ImportEndpoint(StaffImports imports, FhirAnswers answers) {
        this.imports = imports;
        this.answers = answers;
    }

    @PostMapping("/staff/record/import")
    ResponseEntity<String> importBundle(@RequestParam(required = false) @Nullable String organization,
            HttpServletRequest request, @AuthenticationPrincipal PortalUser staff) throws IOException {
        Optional<Organization> chosen = imports.organization(organization);
        if (!fhirJson(request.getContentType())) {
            imports.refusedBefore(staff, chosen.orElse(null), "another content type", Way.HTTP);
            return answers.refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED,
                    "Send the bundle as application/fhir+json (application/json is accepted too).");
        }
        if (organization == null || organization.isBlank()) {
            imports.refusedBefore(staff, null, "no organisation named", Way.HTTP);
            return answers.refused(HttpStatus.BAD_REQUEST, IssueType.REQUIRED,
                    "Name the organisation whose records these are: ?organization=<id>.");
        }
        if (chosen.isEmpty()) {
            imports.refusedBefore(staff, null, "unknown organisation", Way.HTTP);
            return answers.refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "No organisation " + organization + " in this portal.");
        }
        if (imports.tooLarge(request.getContentLengthLong())) {
            return tooLarge(staff, chosen.get());
        }
        String json;
        try {
            json = imports.read(request.getInputStream());
        } catch (StaffImports.TooLarge e) {
            return tooLarge(staff, chosen.get());
        } catch (StaffImports.NotUtf8 e) {
            imports.refusedBefore(staff, chosen.get(), "not UTF-8", Way.HTTP);
            return answers.refused(HttpStatus.BAD_REQUEST, IssueType.STRUCTURE, "The body is not UTF-8 text.");
        }
        return switch (imports.importBundle(staff, chosen.get(), json, Way.HTTP)) {
            case ImportResult.Imported imported -> answers.imported(imported);
            case ImportResult.Refused refused -> answers.refused(
                    refused.unreadable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT, refused.problems());
        };
    }

    private ResponseEntity<String> tooLarge(PortalUser staff, Organization organization) {
        imports.refusedBefore(staff, organization, "too large", Way.HTTP);
        return answers.refused(HttpStatus.CONTENT_TOO_LARGE, IssueType.TOOLONG, "The bundle is larger than "
                + imports.limitText() + " (caregate.record.import-max-bytes). Send it as several smaller bundles.");
    }

    private static boolean fhirJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return ACCEPTED.stream().anyMatch(accepted -> accepted.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
