package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.caregate.FormSession;
import org.caregate.TestPatients;
import org.caregate.identity.AccountManagement;
import org.caregate.organization.Organizations;
import org.caregate.patient.PatientRegistry;
import org.caregate.record.RecordImport;
import org.caregate.record.RecordViews;
import org.caregate.record.TestRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Base of the record pages' HTTP tests: the portal on a random port (one Spring context shared
 * with the other HTTP tests of the same set-up), patients with a generated record, and what the
 * audit module will hear.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestPatients.class)
abstract class RecordPagesTest {

    @LocalServerPort
    int port;

    @Autowired
    PatientRegistry registry;

    @Autowired
    Organizations organizations;

    @Autowired
    RecordImport imports;

    @Autowired
    AccountManagement accounts;

    @Autowired
    RecordViews views;

    TestRecords records() {
        return new TestRecords(registry, organizations, imports, accounts);
    }

    /** A browser signed in as the patient, at their organisation. */
    FormSession signedIn(TestRecords.PatientWithRecord record) throws Exception {
        var browser = new FormSession(port);
        var answer = browser.signIn(record.organizationId(), record.account().username(), TestPatients.PASSWORD);
        assertThat(FormSession.location(answer)).startsWith("/" + record.organizationId() + "/");
        return browser;
    }
}
