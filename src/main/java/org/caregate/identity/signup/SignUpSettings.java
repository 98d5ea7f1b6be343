package org.caregate.identity.signup;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-up settings ({@code caregate.sign-up.*}).
 *
 * @param codeLifetime how long the one-time code of identity proofing works, and how long the person
 *     then has to choose a username and password
 * @param codeTries wrong entries before that code stops working
 * @param attemptsPerPerson sign-up attempts per attempt window for one organisation, date of birth
 *     and family name, whoever sends them
 * @param attemptsPerAddress sign-up attempts per attempt window from one client address (higher: a
 *     clinic or care home shares one)
 * @param attemptWindow the window both limits count in; attempts come back gradually over it
 */
@ConfigurationProperties("caregate.sign-up")
public record SignUpSettings(
        @DefaultValue("15m") Duration codeLifetime,
        @DefaultValue("5") int codeTries,
        @DefaultValue("5") int attemptsPerPerson,
        @DefaultValue("20") int attemptsPerAddress,
        @DefaultValue("15m") Duration attemptWindow) {}
