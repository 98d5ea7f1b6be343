package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.caregate.TestPatients;
import org.caregate.identity.Account;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A browser that refuses cookies is told so in plain words, with the steps, instead of looping back to sign-in. */
class CookieHelpJourneyTests extends BrowserJourney {

    @Autowired
    TestPatients patients;

    @Test
    void withCookiesBlockedSigningInExplainsHowToAllowThem() {
        Account account = patients.patientWithAccount("clinic");
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");
        // As a browser set to block cookies behaves: it keeps none of those the page set.
        page.context().clearCookies();

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();

        checkPage("cookies-blocked");
        assertThat(page).hasURL(Pattern.compile("/help/cookies$"));
        assertThat(byRole(AriaRole.HEADING, "Your browser is blocking cookies")).isVisible();
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Find the cookies setting.");

        byRole(AriaRole.LINK, "More help with signing in").click();
        checkPage("sign-in-help");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Have these ready when you call");
    }

    @Test
    void aBrowserThatNeverSendsCookiesEndsOnTheCookieHelpWithTheSteps() {
        Account account = patients.patientWithAccount("clinic");
        refuseCookies();
        visit("/clinic/sign-in");
        checkPage("clinic-sign-in");

        byRole(AriaRole.TEXTBOX, "Username or e-mail address").fill(account.username());
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(TestPatients.PASSWORD);
        byRole(AriaRole.BUTTON, "Sign in").click();

        assertThat(page).hasURL(Pattern.compile("/help/cookies$"));
        checkPage("cookies-never-sent");
        var steps = page.getByRole(AriaRole.MAIN).getByRole(AriaRole.LISTITEM);
        assertThat(steps.first()).hasText("Open your browser settings.");
        assertThat(page.getByRole(AriaRole.MAIN)).containsText("Close and reopen the browser, then try signing in again.");
    }

    /**
     * Makes this test's browser behave as one set to refuse cookies: every request is sent from
     * here, without cookies, and answered without its Set-Cookie headers, so the browser never
     * stores one. (Playwright cannot remove a Cookie header with route.resume: it ignores that header.)
     */
    private void refuseCookies() {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        page.context().route("**/*", route -> {
            Request request = route.request();
            byte[] body = request.postDataBuffer();
            var forward = HttpRequest.newBuilder(URI.create(request.url())).method(request.method(),
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            request.allHeaders().forEach((name, value) -> {
                if (!Set.of("cookie", "host", "connection", "content-length", "expect", "upgrade").contains(name)
                        && !name.startsWith(":")) {
                    forward.header(name, value);
                }
            });
            try {
                HttpResponse<byte[]> answer = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
                Map<String, String> headers = new HashMap<>();
                answer.headers().map().forEach((name, values) -> {
                    if (!name.equalsIgnoreCase("set-cookie") && !name.equals(":status")) {
                        headers.put(name, String.join(", ", values));
                    }
                });
                route.fulfill(new Route.FulfillOptions().setStatus(answer.statusCode()).setHeaders(headers)
                        .setBodyBytes(answer.body()));
            } catch (IOException | InterruptedException e) {
                route.abort();
            }
        });
    }

    @Test
    void theSignInPageSaysSoWhenTheBrowserHasCookiesTurnedOff() {
        page.addInitScript("Object.defineProperty(Navigator.prototype, 'cookieEnabled', { get: () => false });");
        visit("/clinic/sign-in");

        var notice = page.getByRole(AriaRole.ALERT);
        assertThat(notice).containsText("Your browser is blocking cookies");
        checkPage("sign-in-cookies-off");

        byRole(notice, AriaRole.LINK, "How to allow cookies").click();
        checkPage("cookie-help");
        assertThat(byRole(AriaRole.HEADING, "Your browser is blocking cookies")).isVisible();
    }
}
