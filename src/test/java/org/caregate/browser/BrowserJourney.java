package org.caregate.browser;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.ReducedMotion;
import com.microsoft.playwright.options.ViewportSize;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.caregate.TestPatients;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.FileSystemUtils;

/**
 * Base of every browser journey. The portal runs on a random port of 127.0.0.1; each journey class
 * gets one headless Chromium, each test a fresh browser context (no cookies) and {@link #page}.
 *
 * <p>Every page a journey shows must go through {@link #checkPage(String)}: WCAG 2.1 AA by axe-core,
 * no sideways scrolling on a phone, no console errors or CSP violations, and screenshots at phone and
 * desktop width in {@code target/screenshots/<journey>/}. A test that navigates to a page and leaves
 * it unchecked fails.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
@ActiveProfiles("test")
@Import(TestPatients.class)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
abstract class BrowserJourney {

    static final ViewportSize DESKTOP = new ViewportSize(1280, 800);
    static final ViewportSize PHONE = new ViewportSize(375, 812);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static @Nullable Playwright playwright;
    private static @Nullable Browser browser;
    private static @Nullable Path journeyScreenshots;

    @LocalServerPort
    private int port;

    /** The page of the current test, in a browser context of its own. */
    Page page;

    private @Nullable BrowserContext context;
    private @Nullable ConsoleProblems console;
    private @Nullable String currentDocument;
    private @Nullable String documentAwaitingCheck;
    private final List<String> uncheckedDocuments = new ArrayList<>();

    /** A passing test must have checked every page it showed, and the last one left no new errors. */
    @RegisterExtension
    final AfterTestExecutionCallback everyPageChecked = test -> {
        if (test.getExecutionException().isEmpty()) {
            assertEveryPageChecked();
        }
    };

    @BeforeAll
    static void launchBrowser(TestInfo journey) throws IOException {
        Chromium.requireInstalled();
        Class<?> journeyClass = journey.getTestClass().orElseThrow();
        journeyScreenshots = SCREENSHOTS.resolve(journeyName(journeyClass));
        FileSystemUtils.deleteRecursively(journeyScreenshots);
        PlaywrightAssertions.setDefaultAssertionTimeout(5_000);
        playwright = Chromium.driver();
        browser = Chromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            browser = null;
            if (playwright != null) {
                playwright.close();
            }
            playwright = null;
        }
    }

    @BeforeEach
    void openPage() {
        BrowserContext fresh = launchedBrowser().newContext(new Browser.NewContextOptions()
                .setBaseURL(baseUrl())
                .setViewportSize(DESKTOP)
                .setDeviceScaleFactor(1)
                .setLocale("en-US")
                .setTimezoneId("America/Chicago")
                .setReducedMotion(ReducedMotion.REDUCE));
        fresh.setDefaultTimeout(10_000);
        fresh.setDefaultNavigationTimeout(20_000);
        context = fresh;
        page = fresh.newPage();
        console = new ConsoleProblems(page);
        page.onFrameNavigated(frame -> {
            if (frame == page.mainFrame()) {
                documentShown(frame.url());
            }
        });
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
        context = null;
    }

    /** Opens an address of the portal, e.g. {@code /clinic/sign-in}, expecting it to answer 200. */
    Response visit(String path) {
        return visit(path, 200);
    }

    /** Opens an address of the portal expecting the given HTTP status, e.g. 404. */
    Response visit(String path, int expectedStatus) {
        if (expectedStatus >= 400) {
            launchedConsole().expectErrorStatusOf(baseUrl() + path);
        }
        Response response = page.navigate(path);
        assertThat(response).as("response to %s", path).isNotNull();
        assertThat(response.status()).as("HTTP status of %s", path).isEqualTo(expectedStatus);
        return response;
    }

    /**
     * Declares that the next page shown at this address answers with an error status on purpose,
     * e.g. a refused form (422) or a throttled sign-in (429), so the browser's console line about it
     * is not a problem.
     */
    void expectRefusal(String path) {
        launchedConsole().expectErrorStatusOf(baseUrl() + path);
    }

    /** What a screen reader announces with this role and exactly this name, e.g. a link "Sign in". */
    Locator byRole(AriaRole role, String name) {
        return page.getByRole(role, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Like {@link #byRole(AriaRole, String)}, inside a part of the page such as a table or the footer. */
    static Locator byRole(Locator within, AriaRole role, String name) {
        return within.getByRole(role, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    /** Where the portal under test answers, e.g. {@code http://127.0.0.1:43125}. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The journey's browser context, e.g. to read its cookies. */
    BrowserContext context() {
        assertThat(context).as("browser context (only during a test)").isNotNull();
        return context;
    }

    /**
     * Checks the page shown now and saves its screenshots as {@code <name>-phone.png} and
     * {@code <name>-desktop.png}. Fails with everything found at once: accessibility violations at
     * both widths, sideways scrolling, console errors and CSP violations.
     *
     * @param name lower-case words and dashes naming the page within the journey, e.g.
     *     {@code clinic-sign-in}; checking the same page again later overwrites its screenshots
     */
    void checkPage(String name) {
        assertThat(name).as("page name").matches("[a-z0-9]+(-[a-z0-9]+)*");
        page.waitForLoadState(LoadState.LOAD);
        documentAwaitingCheck = null;
        // A page may rewrite its own address (history.replaceState, as a SMART app does to drop the
        // code from it): checking the page checks it under the address it was loaded at too.
        Object loadedAt = page.evaluate("() => performance.getEntriesByType('navigation')[0]?.name ?? null");
        if (loadedAt instanceof String address) {
            uncheckedDocuments.remove(address.replaceFirst("#.*$", ""));
        }

        var problems = new ArrayList<String>();
        for (ViewportSize size : List.of(DESKTOP, PHONE)) {
            String width = size == PHONE ? "phone" : "desktop";
            page.setViewportSize(size.width, size.height);
            AccessibilityViolations.on(page)
                    .forEach(violation -> problems.add("accessibility (" + width + "): " + violation));
            sidewaysScrolling().ifPresent(overflow -> problems.add("layout (" + width + "): " + overflow));
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(launchedScreenshots().resolve(name + "-" + width + ".png"))
                    .setFullPage(true));
        }
        page.setViewportSize(DESKTOP.width, DESKTOP.height);
        launchedConsole().takeAll().forEach(error -> problems.add("browser console: " + error));

        assertThat(problems)
                .as("problems on page '%s' (%s); screenshots in %s", name, page.url(), launchedScreenshots())
                .isEmpty();
    }

    private Optional<String> sidewaysScrolling() {
        Object overflow = page.evaluate("""
                () => {
                  const width = window.innerWidth;
                  if (document.documentElement.scrollWidth <= width) return null;
                  const wide = [...document.querySelectorAll('body *')]
                      .filter(e => e.getBoundingClientRect().right > width + 0.5)
                      .slice(0, 5)
                      .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                          + (typeof e.className === 'string' && e.className.trim()
                              ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
                  return 'page is ' + document.documentElement.scrollWidth + 'px wide in a '
                      + width + 'px window, so it scrolls sideways; too wide: ' + wide.join(', ');
                }
                """);
        return Optional.ofNullable((String) overflow);
    }

    /** Called on every navigation of the main frame; a jump to {@code #main} is not a new page. */
    private void documentShown(String url) {
        String document = url.replaceFirst("#.*$", "");
        if (document.equals(currentDocument) || document.equals("about:blank")) {
            return;
        }
        if (documentAwaitingCheck != null) {
            uncheckedDocuments.add(documentAwaitingCheck);
        }
        currentDocument = document;
        documentAwaitingCheck = document;
    }

    private void assertEveryPageChecked() {
        if (documentAwaitingCheck != null) {
            uncheckedDocuments.add(documentAwaitingCheck);
        }
        assertThat(uncheckedDocuments)
                .as("pages this journey showed without checkPage(name); every page shown must be checked")
                .isEmpty();
        assertThat(launchedConsole().takeAll())
                .as("browser console errors after the last checked page")
                .isEmpty();
    }

    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");

    /** The dev outbox as JSON: every e-mail, text and call the portal sent, newest first. */
    String outboxJson() {
        return page.request().get(baseUrl() + "/dev/outbox",
                RequestOptions.create().setHeader("Accept", "application/json")).text();
    }

    /** The newest 6-digit code the dev outbox holds for this phone now; empty when it holds none. */
    String newestCodeNowTo(String phone) {
        Matcher matcher = Pattern.compile("\"to\":\"" + Pattern.quote(phone) + "\"[^}]*?\"body\":\"([^\"]*)\"")
                .matcher(outboxJson());
        while (matcher.find()) {
            Matcher digits = SIX_DIGITS.matcher(matcher.group(1));
            if (digits.find()) {
                return digits.group(1);
            }
        }
        return "";
    }

    /** Waits for the newest 6-digit code to this phone, other than {@code not} (any code when {@code null}). */
    String newestCodeTo(String phone, @Nullable String not) {
        AtomicReference<String> code = new AtomicReference<>("");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            code.set(newestCodeNowTo(phone));
            return !code.get().isEmpty() && !code.get().equals(not);
        });
        return code.get();
    }

    private static String journeyName(Class<?> journeyClass) {
        String name = journeyClass.getSimpleName().replaceFirst("JourneyTests$", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Browser launchedBrowser() {
        assertThat(browser).as("Chromium, launched before the journey").isNotNull();
        return browser;
    }

    private static Path launchedScreenshots() {
        assertThat(journeyScreenshots).as("screenshot folder of the journey").isNotNull();
        return journeyScreenshots;
    }

    private ConsoleProblems launchedConsole() {
        assertThat(console).as("console listener (only during a test)").isNotNull();
        return console;
    }
}
