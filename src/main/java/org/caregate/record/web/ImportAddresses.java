package org.caregate.record.web;

import java.util.List;
import org.caregate.identity.StaffConsole;
import org.caregate.identity.StaffRole;
import org.caregate.platform.ProgramPaths;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The import's place among the staff pages: its console on the staff home for administrators, and
 * its address for programs, which the security rules refuse with an OperationOutcome rather than a
 * redirect to the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ImportAddresses {

    static final String PATH = "/staff/record/import";

    @Bean
    StaffConsole importConsole() {
        return new StaffConsole(PATH, "record.import.console.name", "record.import.console.hint",
                StaffRole.ADMINISTRATOR);
    }

    @Bean
    ProgramPaths importForPrograms(FhirAnswers answers) {
        return new ProgramPaths(List.of(PATH), (request, response, reason) -> {
            switch (reason) {
                case NOT_SIGNED_IN -> answers.write(response, HttpStatus.UNAUTHORIZED, IssueType.LOGIN,
                        "Sign in first: send the session cookie of a staff administrator who signed in at /staff/sign-in.");
                case NO_CSRF_TOKEN -> answers.write(response, HttpStatus.FORBIDDEN, IssueType.SECURITY,
                        "Send the session's CSRF token in the X-CSRF-TOKEN header; the page " + PATH
                                + " holds it in its _csrf field.");
                case NOT_ALLOWED -> answers.write(response, HttpStatus.FORBIDDEN, IssueType.FORBIDDEN,
                        "Only staff with the administrator role may import records.");
            }
        });
    }
}
