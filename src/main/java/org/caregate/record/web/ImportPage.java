package org.caregate.record.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.caregate.identity.PortalUser;
import org.caregate.organization.Organization;
import org.caregate.organization.Organizations;
import org.caregate.record.ImportResult;
import org.caregate.record.web.StaffImports.Importer;
import org.caregate.record.web.StaffImports.Way;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * "Import records" ({@code /staff/record/import}) for staff administrators: choose the organisation
 * and a bundle file, and read what happened, as counts, or the problems with their places in the
 * file. The same import as the address for programs.
 */
@Controller
@ConditionalOnWebApplication
@PreAuthorize("hasRole('ADMINISTRATOR')")
class ImportPage {

    static final String VIEW = "record/staff-import";
    static final String UPLOAD = ImportAddresses.PATH + "/upload";
    /** Enough to see what is wrong with a file; a file with thousands of problems is fixed at its source. */
    static final int PROBLEMS_SHOWN = 100;

    /** What a successful import came to, for the page. */
    record Counts(long created, long updated, long unchanged, int patients) {}

    /** One problem of a refused file: where it is, what it is. */
    record Problem(String where, String what) {}

    private final StaffImports imports;
    private final Organizations organizations;

    ImportPage(StaffImports imports, Organizations organizations) {
        this.imports = imports;
        this.organizations = organizations;
    }

    @GetMapping(ImportAddresses.PATH)
    String page(@RequestParam(name = "too-large", required = false) @Nullable String tooLarge,
            @RequestParam(name = "not-sent", required = false) @Nullable String notSent, Model model) {
        formView(model, "");
        if (tooLarge != null || notSent != null) {
            model.addAttribute("problem", tooLarge != null ? "record.import.problem.tooLarge"
                    : "record.import.problem.notSent");
            model.addAttribute("problemField", "file");
        }
        return VIEW;
    }

    /**
     * Where a browser lands when an upload was not read: over the upload limit ({@code ?too-large},
     * from the web shell), or refused by the CSRF check because the page was open too long
     * ({@code ?expired}) or the form could not be read.
     */
    @GetMapping(UPLOAD)
    String notSent(@RequestParam(name = "too-large", required = false) @Nullable String tooLarge) {
        return "redirect:" + ImportAddresses.PATH + (tooLarge != null ? "?too-large" : "?not-sent");
    }

    @PostMapping(UPLOAD)
    String upload(@RequestParam(defaultValue = "") String organization,
            @RequestParam(required = false) @Nullable MultipartFile file, @AuthenticationPrincipal PortalUser staff,
            Model model, HttpServletResponse response) throws IOException {
        formView(model, organization);
        Importer importer = Importer.staff(staff);
        Optional<Organization> chosen = imports.organization(organization);
        if (chosen.isEmpty()) {
            imports.refusedBefore(importer, null, "no organisation chosen", Way.UPLOAD_PAGE);
            return refused(model, response, HttpStatus.UNPROCESSABLE_CONTENT, "record.import.problem.organization",
                    "organization");
        }
        if (file == null || file.isEmpty()) {
            imports.refusedBefore(importer, chosen.get(), "no file", Way.UPLOAD_PAGE);
            return refused(model, response, HttpStatus.UNPROCESSABLE_CONTENT, "record.import.problem.file", "file");
        }
        String json;
        try (InputStream body = file.getInputStream()) {
            if (imports.tooLarge(file.getSize())) {
                throw new StaffImports.TooLarge();
            }
            json = imports.read(body);
        } catch (StaffImports.TooLarge e) {
            imports.refusedBefore(importer, chosen.get(), "too large", Way.UPLOAD_PAGE);
            return refused(model, response, HttpStatus.CONTENT_TOO_LARGE, "record.import.problem.tooLarge", "file");
        } catch (StaffImports.NotUtf8 e) {
            imports.refusedBefore(importer, chosen.get(), "not UTF-8", Way.UPLOAD_PAGE);
            return refused(model, response, HttpStatus.UNPROCESSABLE_CONTENT, "record.import.problem.notUtf8", "file");
        }
        switch (imports.importBundle(importer, chosen.get(), json, Way.UPLOAD_PAGE)) {
            case ImportResult.Imported imported -> {
                model.addAttribute("imported", new Counts(imported.count(ImportResult.Outcome.CREATED),
                        imported.count(ImportResult.Outcome.UPDATED), imported.count(ImportResult.Outcome.UNCHANGED),
                        imported.patients().size()));
                model.addAttribute("importedInto", chosen.get());
            }
            case ImportResult.Refused refused -> {
                List<OperationOutcomeIssueComponent> issues = refused.problems().getIssue();
                model.addAttribute("refusedProblems", issues.stream().limit(PROBLEMS_SHOWN).map(ImportPage::problem)
                        .toList());
                model.addAttribute("moreProblems", Math.max(0, issues.size() - PROBLEMS_SHOWN));
                response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            }
        }
        return VIEW;
    }

    private void formView(Model model, String organization) {
        model.addAttribute("organizations", organizations.all());
        model.addAttribute("chosenOrganization", organization);
        model.addAttribute("maxBytes", imports.limit().toBytes());
        model.addAttribute("limitText", imports.limitText());
    }

    private static String refused(Model model, HttpServletResponse response, HttpStatus status, String problem,
            String field) {
        model.addAttribute("problem", problem);
        model.addAttribute("problemField", field);
        response.setStatus(status.value());
        return VIEW;
    }

    private static Problem problem(OperationOutcomeIssueComponent issue) {
        return new Problem(issue.getExpression().stream().map(StringType::getValue).collect(Collectors.joining(", ")),
                issue.getDiagnostics());
    }
}
