package org.caregate.mfa.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The passkey settings ({@code caregate.mfa.passkeys.*}).
 *
 * @param rpId the WebAuthn relying-party id: the portal's host name, to which every passkey is bound;
 *     blank: the host of {@code caregate.public-base-url}. Changing it makes every passkey stop working.
 * @param origins the addresses (scheme, host, port) pages that use passkeys are served from; empty:
 *     the origin of {@code caregate.public-base-url}. When the relying-party id is {@code localhost}
 *     (the demo and tests), any port of {@code localhost} is accepted too.
 * @param checkEvery how long a passkey alone signs someone in: when their last check by another
 *     second factor (text, call, authenticator app, recovery code) is older, one is asked for once
 * @param checkEveryFor the same per organisation id, for those that set their own
 * @param requiredForStaff whether staff accounts must sign in with a passkey: the password then only
 *     sets up their first one
 * @param perAccount the most passkeys one account may have
 */
@Validated
@ConfigurationProperties("caregate.mfa.passkeys")
public record PasskeySettings(
        @Nullable String rpId,
        @DefaultValue Set<String> origins,
        @DefaultValue("90d") Duration checkEvery,
        @DefaultValue Map<String, Duration> checkEveryFor,
        @DefaultValue("false") boolean requiredForStaff,
        @DefaultValue("10") @Min(1) @Max(100) int perAccount) {

    public PasskeySettings {
        origins = Set.copyOf(origins);
        checkEveryFor = Map.copyOf(checkEveryFor);
    }

    /** How long a passkey alone signs in at this organisation ({@code null}: staff, which has no such check). */
    public Duration checkEvery(@Nullable String organizationId) {
        return organizationId == null ? checkEvery : checkEveryFor.getOrDefault(organizationId, checkEvery);
    }

    /** The relying-party id, from {@code publicBaseUrl} when none is set. */
    public String rpId(String publicBaseUrl) {
        if (rpId != null && !rpId.isBlank()) {
            return rpId;
        }
        String host = URI.create(publicBaseUrl).getHost();
        if (host == null) {
            throw new IllegalStateException("Set caregate.mfa.passkeys.rp-id or caregate.public-base-url");
        }
        return host;
    }

    /** The accepted origins, from {@code publicBaseUrl} when none are set. */
    public Set<String> origins(String publicBaseUrl) {
        if (!origins.isEmpty()) {
            return origins;
        }
        URI base = URI.create(publicBaseUrl);
        return Set.of(base.getScheme() + "://" + base.getRawAuthority());
    }
}
