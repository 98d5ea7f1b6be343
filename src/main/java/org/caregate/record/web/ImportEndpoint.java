package org.caregate.record.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.caregate.organization.Organization;
import org.caregate.record.ImportResult;
import org.caregate.record.web.StaffImports.Importer;
import org.caregate.record.web.StaffImports.Way;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code POST /staff/record/import?organization=<id>}: a FHIR transaction or batch Bundle from the
 * EHR's import client, a registered backend app (SMART Backend Services) with its access token in
 * {@code Authorization: Bearer}. The {@code apps} module's gate has checked the token and its scope
 * ({@link ImportAddresses#IMPORT_SCOPES}) before the request gets here; a staff session is not
 * accepted (people use the upload page, {@link ImportPage}). Answers, all
 * {@code application/fhir+json}: 200 with the transaction-response or batch-response; 400 for a
 * body that is not a FHIR Bundle in UTF-8 JSON, or no organisation named; 404 for an unknown
 * organisation; 413 over {@code caregate.record.import-max-bytes}; 415 for another content type;
 * 422 for a bundle that was read and refused. Each refusal is an OperationOutcome.
 */
@Controller
@ConditionalOnWebApplication
class ImportEndpoint {

    private static final List<MediaType> ACCEPTED = List.of(MediaType.parseMediaType("application/fhir+json"),
            MediaType.APPLICATION_JSON);

    private final StaffImports imports;
    private final FhirAnswers answers;

    ImportEndpoint(StaffImports imports, FhirAnswers answers) {
        this.imports = imports;
        this.answers = answers;
    }

    @PostMapping(ImportAddresses.PATH)
    ResponseEntity<String> importBundle(@RequestParam(required = false) @Nullable String organization,
            HttpServletRequest request, @AuthenticationPrincipal @Nullable OAuth2AuthenticatedPrincipal app)
            throws IOException {
        if (app == null) {
            // Only the bearer-token gate authenticates a caller with a token here; anyone else came round it.
            throw new AccessDeniedException("Not a backend app's token");
        }
        Importer importer = Importer.app(app.getName());
        Optional<Organization> chosen = imports.organization(organization);
        if (!fhirJson(request.getContentType())) {
            imports.refusedBefore(importer, chosen.orElse(null), "another content type", Way.HTTP);
            return answers.refused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, IssueType.NOTSUPPORTED,
                    "Send the bundle as application/fhir+json (application/json is accepted too).");
        }
        if (organization == null || organization.isBlank()) {
            imports.refusedBefore(importer, null, "no organisation named", Way.HTTP);
            return answers.refused(HttpStatus.BAD_REQUEST, IssueType.REQUIRED,
                    "Name the organisation whose records these are: ?organization=<id>.");
        }
        if (chosen.isEmpty()) {
            imports.refusedBefore(importer, null, "unknown organisation", Way.HTTP);
            return answers.refused(HttpStatus.NOT_FOUND, IssueType.NOTFOUND,
                    "No organisation " + organization + " in this portal.");
        }
        if (imports.tooLarge(request.getContentLengthLong())) {
            return tooLarge(importer, chosen.get());
        }
        String json;
        try {
            json = imports.read(request.getInputStream());
        } catch (StaffImports.TooLarge e) {
            return tooLarge(importer, chosen.get());
        } catch (StaffImports.NotUtf8 e) {
            imports.refusedBefore(importer, chosen.get(), "not UTF-8", Way.HTTP);
            return answers.refused(HttpStatus.BAD_REQUEST, IssueType.STRUCTURE, "The body is not UTF-8 text.");
        }
        return switch (imports.importBundle(importer, chosen.get(), json, Way.HTTP)) {
            case ImportResult.Imported imported -> answers.imported(imported);
            case ImportResult.Refused refused -> answers.refused(
                    refused.unreadable() ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT, refused.problems());
        };
    }

    private ResponseEntity<String> tooLarge(Importer importer, Organization organization) {
        imports.refusedBefore(importer, organization, "too large", Way.HTTP);
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
