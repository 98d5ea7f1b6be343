package org.caregate.identity.internal;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in settings ({@code caregate.sign-in.*}).
 *
 * @param staffUsernamePattern names that look like an employee's network id; typed on a patient page
 *     they get "this is the patient portal; staff sign in here", and patients cannot choose them
 * @param deviceCookieLifetime how long a browser stays recognised after its last sign-in
 */
@ConfigurationProperties("caregate.sign-in")
public record SignInSettings(
        @DefaultValue("(?i)^([a-z]{2,3}[0-9]{4,6}|[a-z][a-z0-9-]*\\\\[a-z0-9._-]+)$") Pattern staffUsernamePattern,
        @DefaultValue("400d") Duration deviceCookieLifetime) {

    public boolean looksLikeStaff(String username) {
        return staffUsernamePattern.matcher(username.strip()).matches();
    }
}
