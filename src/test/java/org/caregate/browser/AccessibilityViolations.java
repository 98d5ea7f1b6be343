package org.caregate.browser;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.stream.Collectors;

/** What axe-core finds against WCAG 2.1 A and AA on the page as it is shown now, in readable lines. */
final class AccessibilityViolations {

    static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private AccessibilityViolations() {
    }

    static List<String> on(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
        if (results.getErrorMessage() != null) {
            return List.of("axe-core could not check the page: " + results.getErrorMessage());
        }
        return results.getViolations().stream().map(AccessibilityViolations::describe).toList();
    }

    private static String describe(Rule rule) {
        String nodes = rule.getNodes().stream()
                .map(AccessibilityViolations::describe)
                .collect(Collectors.joining("\n"));
        return "%s [%s] %s (%s)%n%s".formatted(
                rule.getId(), rule.getImpact(), rule.getHelp(), rule.getHelpUrl(), nodes);
    }

    private static String describe(CheckedNode node) {
        String summary = node.getFailureSummary() == null ? "" : node.getFailureSummary().replace("\n", " ");
        return "      at %s: %s".formatted(node.getTarget(), summary);
    }
}
