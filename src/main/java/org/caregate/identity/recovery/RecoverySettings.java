package org.caregate.identity.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Forgotten password and username settings ({@code caregate.recovery.*}).
 *
 * @param codeLifetime how long a reset code works after it was sent (and the new password may be
 *     chosen after it was entered)
 * @param codeTries wrong entries before a reset code stops working
 * @param codesPerAccountPerHour reset codes one account receives per hour; more requests get the
 *     same answer but send nothing
 * @param requestsPerAddressPerHour requests (reset or username reminder) one client address may make
 *     per hour before it is asked to wait
 * @param remindersPerContactPerHour username reminders one e-mail address or phone receives per hour
 */
@ConfigurationProperties("caregate.recovery")
public record RecoverySettings(
        @DefaultValue("30m") Duration codeLifetime,
        @DefaultValue("5") int codeTries,
        @DefaultValue("3") int codesPerAccountPerHour,
        @DefaultValue("10") int requestsPerAddressPerHour,
        @DefaultValue("3") int remindersPerContactPerHour) {}
