package org.caregate.session.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import org.caregate.identity.PortalUser;
import org.caregate.session.SessionSecurity;
import org.caregate.session.internal.DeviceDescriptions;
import org.caregate.session.internal.SessionSettings;
import org.caregate.session.internal.SignInHistory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** "Recent sign-ins to your account", with "sign out of all devices". */
@Controller
@ConditionalOnWebApplication
class SignInsController {

    private static final int SHOWN = 50;

    private final SignInHistory history;
    private final SessionSecurity sessions;
    private final SessionSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    SignInsController(SignInHistory history, SessionSecurity sessions, SessionSettings settings, MessageSource messages,
            Clock clock) {
        this.messages = messages;
        this.clock = clock;
        this.history = history;
        this.sessions = sessions;
        this.settings = settings;
    }

    /** One row as the page shows it: the time already in the organisation's zone and the reader's language. */
    record Row(String when, String device, String method, String outcome) {}

    @GetMapping("/{organizationId:[a-z][a-z0-9-]+}/account/sign-ins")
    String signIns(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user, Model model,
            Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(settings.displayZone());
        List<Row> rows = history.latest(user.accountId(), clock.instant().minus(Duration.ofDays(settings.historyDays())), SHOWN).stream()
                .map(e -> new Row(format.format(e.at()), DeviceDescriptions.localized(e.device(), messages, locale),
                        e.method(), e.outcome()))
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("historyDays", settings.historyDays());
        model.addAttribute("zone", settings.displayZone().getDisplayName(TextStyle.FULL, locale));
        return "session/sign-ins";
    }

    @PostMapping("/{organizationId:[a-z][a-z0-9-]+}/account/sign-out-everywhere")
    String signOutEverywhere(@PathVariable String organizationId, @AuthenticationPrincipal PortalUser user,
            HttpServletRequest request) {
        sessions.signOutEverywhere(user.accountId());
        var session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/" + organizationId + "/sign-in?signed-out-everywhere";
    }
}
