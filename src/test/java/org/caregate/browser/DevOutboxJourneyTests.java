package org.caregate.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.RequestOptions;
import java.time.Duration;
import org.caregate.notify.Notifications;
import org.caregate.notify.OutgoingMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A person trying the demo reads the code the portal "texted" them in the dev outbox, on their phone. */
class DevOutboxJourneyTests extends BrowserJourney {

    @Autowired
    Notifications notifications;

    @Test
    void sentMessagesShowUpNewestFirstOnAnyScreen() {
        notifications.queue(OutgoingMessage.email("rosa.demo@example.com", "Your Riverbend account",
                "Your activation code is on its way."));
        notifications.queue(OutgoingMessage.text("+15075550142", "Riverbend: your code is 493 027. It expires in 5 minutes."));

        // The worker on this node delivers within a second or two: wait for it, with a bound.
        await().atMost(Duration.ofSeconds(20)).until(this::bothDelivered);

        visit("/dev/outbox");
        var rows = page.getByRole(AriaRole.TABLE).locator("tbody tr");
        assertThat(rows.first()).containsText("493 027");
        assertThat(rows.first()).containsText("Text message");
        assertThat(rows.nth(1)).containsText("Your Riverbend account");
        checkPage("dev-outbox");

        visit("/dev/outbox?lang=es");
        assertThat(page.getByRole(AriaRole.TABLE).locator("tbody tr").first()).containsText("Mensaje de texto");
        checkPage("dev-outbox-es");
    }

    /** Whether the dev outbox shows both messages (journeys share one application: others may have sent some before). */
    private boolean bothDelivered() {
        var response = page.request().get(baseUrl() + "/dev/outbox",
                RequestOptions.create().setHeader("Accept", "application/json"));
        return response.text().contains("493 027") && response.text().contains("Your Riverbend account");
    }
}
