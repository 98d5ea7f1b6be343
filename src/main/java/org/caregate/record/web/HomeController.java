package org.caregate.record.web;

import java.util.List;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.RecordAccess;
import org.caregate.record.internal.RecordReaders;
import org.caregate.record.internal.TestResults;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The patient's first page after signing in: what is new since their last visit, their newest
 * results, and the way into each part of the record. Appointments, messages and bills join the
 * "what's new" list when those features arrive.
 */
@Controller
@ConditionalOnWebApplication
class HomeController {

    static final int NEWEST = 5;

    private final RecordAccess access;
    private final TestResults results;
    private final RecordReaders readers;

    HomeController(RecordAccess access, TestResults results, RecordReaders readers) {
        this.access = access;
        this.results = results;
        this.readers = readers;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/home")
    String home(@PathVariable String organizationId, @ForPatient Viewing viewing, Model model) {
        boolean mayReadResults = viewing.mayRead(Area.RESULTS);
        List<TestResults.TestResult> newest = mayReadResults ? results.newest(viewing.actor(), viewing, NEWEST) : List.of();
        access.viewed(viewing, RecordView.HOME, newest.stream().map(TestResults.TestResult::id).toList());
        model.addAttribute("lastVisit", readers.previousSignIn(viewing.actor()).orElse(null));
        model.addAttribute("newResults", mayReadResults ? results.newCount(viewing.actor(), viewing) : 0);
        model.addAttribute("viewing", viewing);
        model.addAttribute("newest", newest);
        return "record/home";
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/record")
    String overview(@PathVariable String organizationId, @ForPatient Viewing viewing, Model model) {
        access.viewed(viewing, RecordView.RECORD_OVERVIEW, List.of());
        model.addAttribute("viewing", viewing);
        return "record/overview";
    }
}
