package org.caregate.notify.devoutbox;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * {@code /dev/outbox}: the demo's sent messages, newest first, as a page or (for scripts and
 * browser tests that need a code) as JSON. Same conditions as {@link DevOutbox}: never in
 * {@code prod}.
 */
@Controller
@Profile("!prod")
@ConditionalOnBooleanProperty("caregate.notify.dev-outbox.enabled")
class DevOutboxController {

    /** Enough to find the latest codes; the table is a demo convenience, not an archive. */
    private static final int SHOWN = 100;

    private final DevOutbox devOutbox;

    DevOutboxController(DevOutbox devOutbox) {
        this.devOutbox = devOutbox;
    }

    @GetMapping(path = "/dev/outbox", produces = MediaType.TEXT_HTML_VALUE)
    String page(Model model) {
        model.addAttribute("entries", devOutbox.newestFirst(SHOWN));
        return "notify/dev-outbox";
    }

    @GetMapping(path = "/dev/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<DevOutboxEntry> entries() {
        return devOutbox.newestFirst(SHOWN);
    }

    /** The dev outbox is open: it exists only in the demo, for reading the codes the demo "sent". */
    @org.springframework.context.annotation.Bean
    static org.caregate.platform.PublicPaths devOutboxPaths() {
        return org.caregate.platform.PublicPaths.of("/dev/outbox", "/dev/outbox/**");
    }
}
