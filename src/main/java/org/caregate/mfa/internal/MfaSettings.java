package org.caregate.mfa.internal;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
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
 * @param limitWindow the window of the limits against SMS pumping below
 * @param sendsPerNumber codes one phone number may be sent within {@code limitWindow}, whatever the account
 * @param sendsPerAddress codes one client address may have sent within {@code limitWindow}
 * @param sendsPerCountry codes to the numbers of one country within {@code limitWindow} (a surge to one
 *     country is the mark of toll fraud)
 * @param allowedCountries ISO 3166 region codes texts may go to; empty: every country (the default,
 *     as patients abroad must be able to sign in)
 * @param blockedCountries ISO 3166 region codes texts never go to
 * @param rememberFor how long a browser that passed the second factor skips it ("Remember this device")
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
        @DefaultValue("15m") Duration sendWindow,
        @DefaultValue("1h") Duration limitWindow,
        @DefaultValue("10") @Min(1) int sendsPerNumber,
        @DefaultValue("30") @Min(1) int sendsPerAddress,
        @DefaultValue("500") @Min(1) int sendsPerCountry,
        @DefaultValue Set<String> allowedCountries,
        @DefaultValue Set<String> blockedCountries,
        @DefaultValue("7d") Duration rememberFor) {

    public MfaSettings {
        requiredFrom = Map.copyOf(requiredFrom);
        allowedCountries = Set.copyOf(allowedCountries);
        blockedCountries = Set.copyOf(blockedCountries);
    }

    /** Whether texts may go to numbers of this region (ISO 3166 code). */
    public boolean textsAllowedTo(String region) {
        return !blockedCountries.contains(region) && (allowedCountries.isEmpty() || allowedCountries.contains(region));
    }
}
