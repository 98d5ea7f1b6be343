package org.caregate.mfa.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Second factor settings ({@code caregate.mfa.*}).
 *
 * @param seedKey the AES-256 key (Base64 of exactly 32 bytes) that encrypts authenticator-app
 *     seeds; blank: a random key made once and kept in the database (see {@link SeedCipher})
 * @param issuer the name authenticator apps show above the code
 * @param enrolmentLifetime how long a started authenticator-app enrolment waits for its first code
 */
@ConfigurationProperties("caregate.mfa")
public record MfaSettings(
        @Nullable String seedKey,
        @DefaultValue("Caregate") String issuer,
        @DefaultValue("15m") Duration enrolmentLifetime) {}
