package org.caregate.session.internal;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Session policy ({@code caregate.session.*}); the idle time-out is {@code server.servlet.session.timeout}.
 *
 * @param absoluteTimeout a signed-in session ends this long after sign-in, however active
 * @param historyDays how long the sign-in history is kept
 * @param displayZone the time zone of the history's times and of the "new browser" e-mail
 * @param idleWarning how long before the idle time-out signed-in pages warn
 * @param quietAfterOpening no "new browser" e-mail for an account's first sign-in this soon after it was opened
 */
@ConfigurationProperties("caregate.session")
public record SessionSettings(
        @DefaultValue("12h") Duration absoluteTimeout,
        @DefaultValue("90") int historyDays,
        @DefaultValue("America/Chicago") ZoneId displayZone,
        @DefaultValue("2m") Duration idleWarning,
        @DefaultValue("1h") Duration quietAfterOpening) {}
