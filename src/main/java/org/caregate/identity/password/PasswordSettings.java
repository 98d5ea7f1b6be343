package org.caregate.identity.password;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost. Defaults are OWASP's recommendation (Password Storage Cheat Sheet): 19 MiB, 2
 * iterations, 1 lane. Raising them rehashes each password at its owner's next sign-in.
 *
 * @param memoryKib memory per hash in KiB; at least 7168, OWASP's lowest row (7 MiB with 5
 *     iterations), which also catches a value given in MiB by mistake
 * @param iterations passes over the memory
 * @param parallelism lanes
 */
@Validated
@ConfigurationProperties("caregate.passwords")
record PasswordSettings(
        @DefaultValue("19456") @Min(7168) int memoryKib,
        @DefaultValue("2") @Min(1) int iterations,
        @DefaultValue("1") @Min(1) int parallelism) {

    static PasswordSettings owaspDefaults() {
        return new PasswordSettings(19_456, 2, 1);
    }
}
