package org.caregate.record.web;

import java.util.List;
import java.util.Set;
import org.caregate.identity.StaffConsole;
import org.caregate.identity.StaffRole;
import org.caregate.platform.ProgramPaths;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * The import's place among the staff pages: its console on the staff home for administrators (the
 * upload page, with the staff session), and its address for the EHR's import client
 * ({@code POST}, a backend app's bearer token with a system write scope), refused with an
 * OperationOutcome rather than a redirect to the sign-in page.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ImportAddresses {

    static final String PATH = "/staff/record/import";

    /**
     * The scopes that let an app import: SMART's system write on every resource type, v1
     * ({@code system/*.write}) or v2 ({@code system/*.cud}), as backend apps are registered. An import
     * creates and updates resources of many types in one bundle, so a narrower scope is not enough.
     */
    static final Set<String> IMPORT_SCOPES = Set.of("system/*.write", "system/*.cud");

    @Bean
    StaffConsole importConsole() {
        return new StaffConsole(PATH, "record.import.console.name", "record.import.console.hint",
                StaffRole.ADMINISTRATOR);
    }

    @Bean
    ProgramPaths importForPrograms(FhirAnswers answers) {
        return new ProgramPaths(HttpMethod.POST, List.of(PATH), IMPORT_SCOPES, (request, response, reason) -> {
            switch (reason) {
                case NO_VALID_TOKEN -> answers.write(response, HttpStatus.UNAUTHORIZED, IssueType.LOGIN,
                        "Send an access token of the EHR's backend app (Authorization: Bearer ...), from "
                                + "/oauth2/token with a signed client assertion; tokens last 5 minutes. A staff "
                                + "session is not accepted here: people use the page " + PATH + ".");
                case NOT_ALLOWED -> answers.write(response, HttpStatus.FORBIDDEN, IssueType.FORBIDDEN,
                        "Only a registered backend app whose token holds system/*.write or system/*.cud may "
                                + "import records.");
            }
        });
    }
}
