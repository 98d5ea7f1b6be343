package org.caregate.record.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.caregate.record.RecordView;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/** The home page, the results list and a result with its trend, over a whole generated record. */
class ResultsPagesIntegrationTests extends RecordPagesTest {

    private static final Pattern NAMED_LINK = Pattern.compile("/results/([0-9a-f-]{36})\">([^<]+)</a>");
    private static final Pattern RESULT_LINK = Pattern.compile("/results/([0-9a-f-]{36})\"");

    @Test
    void theResultsListShowsTheNewestResultsFirstWithRangesFlagsAndNewMarks() throws Exception {
        var record = records().patientWithRecord();
        var browser = signedIn(record);

        var page = browser.get("/" + record.organizationId() + "/results");

        assertThat(page.statusCode()).isEqualTo(200);
        Observation newest = record.bundle().getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Observation o && o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("laboratory"))
                .map(Observation.class::cast)
                .max(java.util.Comparator.comparing(o -> o.getEffectiveDateTimeType().getValue())).orElseThrow();
        String body = page.body();
        assertThat(body).contains("Test results", "Normal range", ">New<",
                name(newest),
                newest.getValueQuantity().getValue().toPlainString() + " " + newest.getValueQuantity().getUnit());
        assertThat(body).contains("may not have reviewed");
        assertThat(views.of(record.patient().id())).anySatisfy(viewed -> {
            assertThat(viewed.view()).isEqualTo(RecordView.RESULTS);
            assertThat(viewed.patient()).isEqualTo(record.patient().id());
            assertThat(viewed.viewer()).isEqualTo(record.account().id());
            assertThat(viewed.resources()).isNotEmpty();
        });
    }

    @Test
    void aResultShowsItsTrendAsAChartAndATableOfEveryValue() throws Exception {
        var record = records().patientWithRecord();
        var browser = signedIn(record);
        String list = browser.get("/" + record.organizationId() + "/results").body();
        // The first test on the list that the record holds more than one value of.
        Matcher link = NAMED_LINK.matcher(list);
        String id = null;
        while (id == null && link.find()) {
            String shown = link.group(2);
            if (record.bundle().getEntry().stream().filter(e -> e.getResource() instanceof Observation o
                    && shown.equals(name(o))).count() > 1) {
                id = link.group(1);
            }
        }
        assertThat(id).isNotNull();

        var page = browser.get("/" + record.organizationId() + "/results/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<svg class=\"trend\"", "role=\"img\"", "over time",
                "All values, newest first", "(this result)");
        // As many table rows as the record has values of that test.
        String name = page.body().replaceAll("(?s).*<h1>([^<]+)</h1>.*", "$1");
        long sameTest = record.bundle().getEntry().stream().map(e -> e.getResource())
                .filter(r -> r instanceof Observation o && name.equals(name(o)))
                .count();
        assertThat(count(page.body(), "<tr")).isEqualTo(sameTest + 1);
        assertThat(views.of(record.patient().id())).filteredOn(v -> v.view() == RecordView.RESULT).hasSize(1);
    }

    @Test
    void theHomePageSaysWhatIsNewAndLeadsToEachPartOfTheRecord() throws Exception {
        var record = records().patientWithRecord();
        var browser = signedIn(record);

        var home = browser.get("/" + record.organizationId() + "/home");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("What&#39;s new", "new test results", "Your newest test results",
                "/results\"", "/medications\"", "/immunizations\"", "/record/download\"");
    }

    @Test
    void resultsAreNewOnlyUntilTheNextVisit() throws Exception {
        var record = records().patientWithRecord();
        signedIn(record);

        var nextVisit = signedIn(record);

        String home = nextVisit.get("/" + record.organizationId() + "/home").body();
        assertThat(home).contains("Since your last visit", "No new test results.").doesNotContain(">New<");
        assertThat(nextVisit.get("/" + record.organizationId() + "/results").body()).doesNotContain(">New<");
    }

    @Test
    void anotherPatientsResultIsNotFoundAndShowsNothingOfTheirs() throws Exception {
        var mine = records().patientWithRecord();
        var theirs = records().patientWithRecord();
        var theirBrowser = signedIn(theirs);
        Matcher link = RESULT_LINK.matcher(theirBrowser.get("/" + theirs.organizationId() + "/results").body());
        assertThat(link.find()).isTrue();
        String theirResult = link.group(1);

        var browser = signedIn(mine);
        var answer = browser.get("/" + mine.organizationId() + "/results/" + theirResult);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).doesNotContain(theirs.patient().familyName(), "<svg");
        assertThat(browser.get("/" + mine.organizationId() + "/results/not-an-id").statusCode()).isEqualTo(404);
    }



    private static String name(Observation observation) {
        return observation.getCode().hasText() ? observation.getCode().getText()
                : observation.getCode().getCodingFirstRep().getDisplay();
    }

    private static long count(String text, String part) {
        return List.of(text.split(Pattern.quote(part), -1)).size() - 1;
    }
}
