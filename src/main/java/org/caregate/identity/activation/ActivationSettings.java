package org.caregate.identity.activation;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Activation code settings ({@code caregate.activation.*}).
 *
 * @param lifetime how long a code works after it was issued
 * @param hashKey the secret key (Base64, at least 32 bytes) of the codes' keyed hash; blank: a
 *     random key made once and kept in the database (see {@link CodeHasher})
 */
@ConfigurationProperties("caregate.activation")
public record ActivationSettings(@DefaultValue("30d") Duration lifetime, @Nullable String hashKey) {}
