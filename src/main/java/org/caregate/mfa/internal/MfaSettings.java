package org.caregate.mfa.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The second-factor settings ({@code caregate.mfa.*}).
 *
 * @param seedKey the AES-256 key (Base64 of exactly 32 bytes) that encrypts authenticator-app
 *     seeds; blank: a random key made once and kept in the database (see {@link SeedCipher})
 * @param issuer the name authenticator apps show above the code
 * @param enrolmentLifetime how long a started authenticator-app enrolment waits for its first code
 * @param requiredFrom per organisation id, the day from which every account of it needs a second
 *     factor; before it people are offered one and may decline. An organisation not listed neither
 *     offers nor requires one (people who set one up still use it).
 * @param zone the time zone in which a required-from day begins
 * @param codeLifetime how long a texted code works
 * @param codeTries wrong entries before a code is given up
 * @param resendAfter the wait before another code may be sent to the same sign-in
 * @param sendsPerWindow codes one account may be sent within {@code sendWindow}
 */
@Validated
@ConfigurationProperties("caregate.mfa")
public record MfaSettings(
        @Nullable String seedKey,
        @DefaultValue("Caregate") String issuer,
        @DefaultValue("15m") Duration enrolmentLifetime,
        @DefaultValue Map<String, LocalDate> requiredFrom,
        @DefaultValue("America/Chicago") ZoneId zone,
        @DefaultValue("5m") Duration codeLifetime,
        @DefaultValue("5") @Min(1) int codeTries,
        @DefaultValue("30s") Duration resendAfter,
        @DefaultValue("5") @Min(1) int sendsPerWindow,
        @DefaultValue("15m") Duration sendWindow) {

    public MfaSettings {
        requiredFrom = Map.copyOf(requiredFrom);
    }
}
