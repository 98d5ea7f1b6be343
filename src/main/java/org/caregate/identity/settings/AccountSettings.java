package org.caregate.identity.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings page settings ({@code caregate.account.*}).
 *
 * @param confirmationCodeLifetime how long the code sent to a new e-mail address or phone works
 * @param confirmationCodeTries wrong entries before that code stops working
 * @param confirmationCodesPerHour codes one account may have sent to new addresses per hour
 * @param passwordTriesPerSession wrong current passwords on the "change password" form before the
 *     session may try no more (the person signs out and uses "forgot password")
 */
@ConfigurationProperties("caregate.account")
public record AccountSettings(
        @DefaultValue("15m") Duration confirmationCodeLifetime,
        @DefaultValue("5") int confirmationCodeTries,
        @DefaultValue("5") int confirmationCodesPerHour,
        @DefaultValue("5") int passwordTriesPerSession) {}
