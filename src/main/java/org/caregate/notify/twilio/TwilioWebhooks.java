package org.caregate.notify.twilio;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.caregate.notify.CallEnded;
import org.caregate.notify.Channel;
import org.caregate.notify.calls.CallOutcomes;
import org.caregate.notify.outbox.DeliveryStatuses;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What Twilio reports back: the key pressed on a key-press call, how calls ended, and what became of
 * texts. Twilio POSTs form fields; every request's signature is checked before anything else
 * ({@link TwilioSignatures}), and one without a valid signature gets 403 and changes nothing. The
 * addresses are public and skip the CSRF check (see {@link TwilioConfiguration}).
 */
@Controller
@TwilioConfigured
class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
    private static final String FORM = MediaType.APPLICATION_FORM_URLENCODED_VALUE;
    private static final MediaType TWIML = new MediaType(MediaType.TEXT_XML, StandardCharsets.UTF_8);

    private final TwilioSignatures signatures;
    private final CallOutcomes calls;
    private final DeliveryStatuses deliveries;
    private final CallScripts scripts;

    TwilioWebhooks(TwilioSignatures signatures, CallOutcomes calls, DeliveryStatuses deliveries,
            CallScripts scripts) {
        this.signatures = signatures;
        this.calls = calls;
        this.deliveries = deliveries;
        this.scripts = scripts;
    }

    /** A key was pressed on a key-press call: published, and the caller thanked. */
    @PostMapping(path = TwilioConfiguration.WEBHOOKS + "/voice/{call}/key", consumes = FORM)
    ResponseEntity<String> keyPressed(@PathVariable UUID call, @RequestParam(defaultValue = "en") String lang,
            HttpServletRequest request) {
        Map<String, String> form = signatures.verifiedForm(request);
        calls.keyPressed(call, form.getOrDefault("Digits", ""));
        return ResponseEntity.ok().contentType(TWIML).body(scripts.thanks(Locale.forLanguageTag(lang)));
    }

    /** A key-press call ended: published, and its status kept with the outbox message. */
    @PostMapping(path = TwilioConfiguration.WEBHOOKS + "/voice/{call}/status", consumes = FORM)
    ResponseEntity<Void> keyPressCallEnded(@PathVariable UUID call, @RequestParam(required = false) @Nullable Long outbox,
            HttpServletRequest request) {
        String status = signatures.verifiedForm(request).getOrDefault("CallStatus", "");
        if (outbox != null) {
            deliveries.record(outbox, Channel.VOICE, status);
        }
        how(status).ifPresent(how -> calls.ended(call, how));
        return ResponseEntity.noContent().build();
    }

    /** A call that read a message ended: its status kept with the outbox message. */
    @PostMapping(path = TwilioConfiguration.WEBHOOKS + "/voice/outbox/{outboxId}/status", consumes = FORM)
    ResponseEntity<Void> callEnded(@PathVariable long outboxId, HttpServletRequest request) {
        deliveries.record(outboxId, Channel.VOICE, signatures.verifiedForm(request).getOrDefault("CallStatus", ""));
        return ResponseEntity.noContent().build();
    }

    /** What became of a text (sent, delivered, undelivered, failed): kept with the outbox message. */
    @PostMapping(path = TwilioConfiguration.WEBHOOKS + "/sms/{outboxId}/status", consumes = FORM)
    ResponseEntity<Void> textStatus(@PathVariable long outboxId, HttpServletRequest request) {
        deliveries.record(outboxId, Channel.SMS, signatures.verifiedForm(request).getOrDefault("MessageStatus", ""));
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(UnverifiedWebhook refused, HttpServletRequest request) {
        // The address pattern, not the address or any field: nothing a forger sent ends up in the log.
        log.warn("Refused a request to {}: {}", request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE),
                refused.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This request does not carry Twilio's signature for this address.");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Twilio's final call statuses; the others (queued, ringing, in-progress) do not end a call. */
    static Optional<CallEnded.How> how(String callStatus) {
        return switch (callStatus) {
            case "completed" -> Optional.of(CallEnded.How.ANSWERED);
            case "busy", "no-answer", "canceled" -> Optional.of(CallEnded.How.NOT_ANSWERED);
            case "failed" -> Optional.of(CallEnded.How.FAILED);
            default -> Optional.empty();
        };
    }
}
