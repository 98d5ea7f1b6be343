package org.caregate.record.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.caregate.proxy.Area;
import org.caregate.proxy.ForPatient;
import org.caregate.proxy.Viewing;
import org.caregate.record.RecordView;
import org.caregate.record.internal.RecordAccess;
import org.caregate.record.internal.TestResults;
import org.springframework.context.MessageSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Test results, newest first, and one result with its trend and earlier values. */
@Controller
@ConditionalOnWebApplication
class ResultsController {

    static final int PAGE_SIZE = 40;

    private final RecordAccess access;
    private final TestResults results;
    private final RecordDates dates;
    private final MessageSource messages;

    ResultsController(RecordAccess access, TestResults results, RecordDates dates, MessageSource messages) {
        this.messages = messages;
        this.access = access;
        this.results = results;
        this.dates = dates;
    }

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/results")
    String results(@PathVariable String organizationId, @RequestParam(defaultValue = "1") int page,
            @ForPatient(Area.RESULTS) Viewing viewing, Model model) {
        int number = Math.clamp(page, 1, 10_000);
        TestResults.Page found = results.page(viewing.actor(), viewing, number, PAGE_SIZE);
        access.viewed(viewing, RecordView.RESULTS, found.shown());
        model.addAttribute("groups", found.groups());
        model.addAttribute("page", number);
        model.addAttribute("more", found.more());
        model.addAttribute("anyRecent", found.groups().stream().flatMap(g -> g.results().stream())
                .anyMatch(TestResults.TestResult::recent));
        return "record/results";
    }

    /** One result; also a vital sign's readings, linked from its visit, for those who may read the record but not results. */
    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/results/{id}")
    String result(@PathVariable String organizationId, @PathVariable UUID id,
            @ForPatient({Area.RESULTS, Area.RECORD}) Viewing viewing,
            Model model, Locale locale) {
        TestResults.Detail detail = results.detail(viewing.actor(), viewing, id)
                .orElseThrow(RecordPageAdvice.NotFound::new);
        List<UUID> shown = new ArrayList<>();
        shown.add(id);
        detail.history().forEach(r -> {
            if (!r.id().equals(id)) {
                shown.add(r.id());
            }
        });
        access.viewed(viewing, RecordView.RESULT, shown);
        model.addAttribute("detail", detail);
        model.addAttribute("result", detail.result());
        model.addAttribute("chart", TrendChart.svg(detail.trend(), detail.low(), detail.high(),
                messages.getMessage("result.chart.label", new Object[] {detail.result().name()}, locale),
                detail.result().unit(), when -> dates.day(when, locale), locale));
        return "record/result";
    }
}
