package org.caregate.apps.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code caregate.apps.*}: how long tokens last and how often the signing key changes.
 *
 * @param accessTokenLifetime an access token (opaque; checked on every call)
 * @param refreshTokenLifetime a refresh token, for apps the person let keep access ({@code offline_access})
 * @param codeLifetime an authorisation code, between the person's approval and the app's token request
 * @param signingKeyLifetime how long one key signs ID tokens before a new one takes over
 * @param retiredKeyKept how long a replaced key stays published, so tokens it signed can still be checked
 */
@ConfigurationProperties("caregate.apps")
record AppSettings(
        @DefaultValue("PT1H") Duration accessTokenLifetime,
        @DefaultValue("P90D") Duration refreshTokenLifetime,
        @DefaultValue("PT1M") Duration codeLifetime,
        @DefaultValue("P30D") Duration signingKeyLifetime,
        @DefaultValue("P2D") Duration retiredKeyKept) {}
