package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.FormSession;
import org.caregate.PortalEndpoints;
import org.caregate.TestPatients;
import org.caregate.record.TestRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Patient A never sees patient B's data on any record page. The pages are found from the
 * application's own request mappings, so a record page added later is tested without being listed
 * here; a page with an address this test does not know how to fill fails it.
 */
class RecordIsolationIntegrationTests extends RecordPagesTest {

    private static final Pattern UUIDS = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void noRecordPageShowsAnotherPatientsDataWhateverItsAddressSays() throws Exception {
        var records = new TestRecords(registry, organizations, imports, accounts);
        var a = records.patientWithRecord();
        var b = records.patientWithRecord();
        List<UUID> bIds = jdbc.sql("SELECT id FROM record_resource WHERE patient_id = ?")
                .param(b.patient().id().value()).query(UUID.class).list();
        // One of B's resources of each type (and category) is enough to try every page with.
        List<UUID> bSamples = samples(b.patient().id().value());
        Set<String> bSecrets = Set.of(b.patient().familyName(),
                b.patient().recordNumbers().getFirst().value());
        var browser = new FormSession(port);
        browser.signIn(a.organizationId(), a.account().username(), TestPatients.PASSWORD);

        List<String> pages = recordPages();
        assertThat(pages).as("record pages found").hasSizeGreaterThanOrEqualTo(3);
        List<String> checked = new ArrayList<>();
        for (String pattern : pages) {
            String page = pattern.replaceFirst("\\{organizationId[^}]*}", a.organizationId());
            assertThat(page.replace("{id}", "")).as("an address this test cannot fill: %s", pattern).doesNotContain("{");
            if (page.contains("{id}")) {
                // Each of B's resources by id, whatever its type: not found, and nothing of B's.
                for (UUID id : bSamples) {
                    var answer = browser.get(page.replace("{id}", id.toString()));
                    assertThat(answer.statusCode()).as("%s with B's %s", pattern, id).isEqualTo(404);
                    assertNothingOf(answer.body(), bSecrets, bIds, pattern);
                }
                // The same page does open A's own items, so the refusals above are not a page that always refuses.
                boolean opensOwn = false;
                for (UUID own : samples(a.patient().id().value())) {
                    opensOwn |= browser.get(page.replace("{id}", own.toString())).statusCode() == 200;
                }
                assertThat(opensOwn).as("%s opens one of A's own items", pattern).isTrue();
            } else {
                var answer = browser.bytes(page);
                assertThat(answer.statusCode()).as(pattern).isEqualTo(200);
                String text = PortalEndpoints.readable(answer);
                assertNothingOf(text, bSecrets, bIds, pattern);
                if (!answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                    // A download is read as text above; it does hold A's own record.
                    assertThat(text).as("%s holds A's name", pattern).contains(a.patient().familyName());
                }
            }
            checked.add(pattern);
        }
        assertThat(checked).containsAll(List.of("/{organizationId:[a-z][a-z0-9-]+}/results",
                "/{organizationId:[a-z][a-z0-9-]+}/results/{id}", "/{organizationId:[a-z][a-z0-9-]+}/home"));
    }

    private List<UUID> samples(UUID patient) {
        return PortalEndpoints.samples(jdbc, patient);
    }

    /** Every GET page the record's web package serves under an organisation's address. */
    private List<String> recordPages() {
        return PortalEndpoints.all(mappings).stream()
                .filter(e -> e.handler().getBeanType().getPackageName().equals(RecordPageAdvice.class.getPackageName()))
                .filter(e -> e.reads() && e.pattern().startsWith("/{organizationId"))
                .map(PortalEndpoints.Endpoint::pattern).distinct().toList();
    }

    private static void assertNothingOf(String body, Set<String> secrets, List<UUID> ids, String pattern) {
        for (String secret : secrets) {
            assertThat(body).as("%s shows B's %s", pattern, secret).doesNotContain(secret);
        }
        Matcher shown = UUIDS.matcher(body);
        while (shown.find()) {
            assertThat(ids).as("%s shows B's resource id", pattern).doesNotContain(UUID.fromString(shown.group()));
        }
    }
}
