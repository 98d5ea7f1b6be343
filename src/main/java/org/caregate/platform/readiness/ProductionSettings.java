package org.caregate.platform.readiness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Refuses to start the {@code prod} profile until every setting a real deployment needs is present,
 * naming all the missing ones at once, so an operator fixes the configuration in one go rather than
 * one failed start at a time. Runs before any bean exists, so nothing (no embedded database, no
 * demo data) is started by a run that is going to be refused.
 */
class ProductionSettings implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "prod";

    private record Requirement(String key, String environmentVariable, String meaning, Predicate<String> valid) {}

    private static final Predicate<String> PRESENT = StringUtils::hasText;

    private static final List<Requirement> REQUIRED = List.of(
            new Requirement("spring.datasource.url", "PORTAL_DB_URL",
                    "the external PostgreSQL JDBC URL (jdbc:postgresql://…)", v -> v.startsWith("jdbc:postgresql:")),
            new Requirement("caregate.public-base-url", "PORTAL_PUBLIC_BASE_URL",
                    "the address patients use, starting with https://", v -> v.startsWith("https://")),
            new Requirement("spring.mail.host", "SPRING_MAIL_HOST", "the SMTP server for e-mail", PRESENT),
            new Requirement("caregate.notify.email.from", "PORTAL_MAIL_FROM",
                    "the sender address of portal e-mail", v -> v.contains("@")),
            new Requirement("caregate.notify.twilio.account-sid", "PORTAL_TWILIO_ACCOUNT_SID",
                    "the Twilio account for texts and calls", v -> v.startsWith("AC")),
            new Requirement("caregate.notify.twilio.auth-token", "PORTAL_TWILIO_AUTH_TOKEN",
                    "the Twilio auth token", PRESENT),
            new Requirement("caregate.notify.twilio.from-number", "PORTAL_TWILIO_FROM_NUMBER",
                    "the number texts and calls come from, in +E.164 form", v -> v.matches("\\+[1-9]\\d{6,14}")),
            // Kept out of the database, so a stolen copy of it cannot test guesses of activation codes.
            new Requirement("caregate.activation.hash-key", "PORTAL_ACTIVATION_HASH_KEY",
                    "a random secret of at least 32 bytes in Base64 (openssl rand -base64 32) that keys the hashes of activation codes",
                    ProductionSettings::isBase64OfAtLeast32Bytes),
            // Kept out of the database, so a stolen copy of it does not give away authenticator-app seeds.
            new Requirement("caregate.mfa.seed-key", "PORTAL_MFA_SEED_KEY",
                    "a random AES-256 key, Base64 of exactly 32 bytes (openssl rand -base64 32), that encrypts authenticator-app seeds",
                    ProductionSettings::isBase64OfExactly32Bytes));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!Arrays.asList(environment.getActiveProfiles()).contains(PROFILE)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Requirement requirement : REQUIRED) {
            String value = environment.getProperty(requirement.key(), "").trim();
            if (!PRESENT.test(value)) {
                problems.add(describe(requirement, "missing"));
            } else if (!requirement.valid().test(value)) {
                problems.add(describe(requirement, "not valid"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ProductionSettingsMissing(problems);
        }
    }

    private static String describe(Requirement requirement, String state) {
        return "%s (or %s) is %s: %s".formatted(
                requirement.key(), requirement.environmentVariable(), state, requirement.meaning());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static boolean isBase64OfExactly32Bytes(String value) {
        try {
            return java.util.Base64.getDecoder().decode(value.strip()).length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isBase64OfAtLeast32Bytes(String value) {
        try {
            return java.util.Base64.getDecoder().decode(value.strip()).length >= 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
