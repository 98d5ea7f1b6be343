package org.caregate.browser;

import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Errors the browser reports while a page is shown: console errors (Chromium reports CSP
 * violations and failed loads there) and uncaught script exceptions. The portal's strict CSP
 * allows no inline script or style, so one slipping into a template shows up here.
 */
final class ConsoleProblems {

    private static final String FAILED_LOAD = "Failed to load resource: the server responded with a status of";

    private final List<String> found = new ArrayList<>();
    private final Set<String> documentsExpectedToFail = new HashSet<>();

    ConsoleProblems(Page page) {
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type()) && !isExpectedDocumentStatus(message)) {
                found.add(message.text() + " (at " + message.location() + ")");
            }
        });
        page.onPageError(error -> found.add("Uncaught script error: " + error));
    }

    /**
     * Chromium logs an error status of the page itself (a 404 page) like a broken image; a journey
     * that asked for that status, and asserted it, is not told about it again.
     */
    void expectErrorStatusOf(String documentUrl) {
        documentsExpectedToFail.add(documentUrl);
    }

    /** Everything reported since the last call. */
    List<String> takeAll() {
        List<String> taken = List.copyOf(found);
        found.clear();
        return taken;
    }

    private boolean isExpectedDocumentStatus(ConsoleMessage message) {
        return message.text().startsWith(FAILED_LOAD)
                && documentsExpectedToFail.stream().anyMatch(url -> message.location().equals(url + ":0:0"));
    }
}
