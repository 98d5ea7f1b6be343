package org.caregate.session.web;

import java.time.Duration;
import org.caregate.identity.PortalUser;
import org.caregate.session.internal.SessionSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Stay signed in": the idle warning's button posts here, which touches the session (any node's
 * request does) and answers 204. The layout gets the idle time-out and the warning's lead time.
 */
@RestController
@ControllerAdvice
@ConditionalOnWebApplication
class KeepAliveController {

    private final Duration idleTimeout;
    private final SessionSettings settings;

    KeepAliveController(@Value("${server.servlet.session.timeout:20m}") Duration idleTimeout, SessionSettings settings) {
        this.idleTimeout = idleTimeout;
        this.settings = settings;
    }

    @PostMapping("/session/keep-alive")
    ResponseEntity<Void> keepAlive() {
        return ResponseEntity.noContent().header("Cache-Control", "no-store").build();
    }

    /** Seconds until a signed-in page's session ends if nothing happens, for the warning script. */
    @ModelAttribute("idleSeconds")
    @Nullable Long idleSeconds(@AuthenticationPrincipal @Nullable Object principal) {
        return principal instanceof PortalUser ? idleTimeout.toSeconds() : null;
    }

    @ModelAttribute("idleWarningSeconds")
    long idleWarningSeconds() {
        return settings.idleWarning().toSeconds();
    }

    /**
     * Open: a keep-alive without a session does nothing, and staff pages warn too (private pages
     * other than staff ones need a patient).
     */
    @org.springframework.context.annotation.Bean
    static org.caregate.platform.PublicPaths keepAlivePath() {
        return org.caregate.platform.PublicPaths.of("/session/keep-alive");
    }
}
