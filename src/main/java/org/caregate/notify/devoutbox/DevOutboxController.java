package org.caregate.notify.devoutbox;

import java.util.List;
import java.util.UUID;
import org.caregate.notify.CallEnded;
import org.caregate.notify.calls.CallOutcomes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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

    private final CallOutcomes calls;

    DevOutboxController(DevOutbox devOutbox, CallOutcomes calls) {
        this.devOutbox = devOutbox;
        this.calls = calls;
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

    /**
     * Stands in for the phone on a key-press call: presses {@code key} (or hangs up when there is
     * none) and ends the call, through the same path a provider's webhook takes.
     */
    @PostMapping("/dev/outbox/calls/{ref}")
    String press(@PathVariable UUID ref, @RequestParam(defaultValue = "") String key, RedirectAttributes redirect) {
        if (!devOutbox.holdsCall(ref)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (!key.isEmpty()) {
            calls.keyPressed(ref, key);
        }
        calls.ended(ref, CallEnded.How.ANSWERED);
        redirect.addFlashAttribute("pressed", key.isEmpty() ? "none" : key);
        return "redirect:/dev/outbox";
    }

    /** The dev outbox is open: it exists only in the demo, for reading the codes the demo "sent". */
    @org.springframework.context.annotation.Bean
    static org.caregate.platform.PublicPaths devOutboxPaths() {
        return org.caregate.platform.PublicPaths.of("/dev/outbox", "/dev/outbox/**");
    }
}
