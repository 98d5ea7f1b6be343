package org.caregate.platform;

import java.util.List;

/**
 * Addresses anyone may open without signing in. Everything else needs a signed-in person: a module
 * that serves public pages (sign-in, sign-up, help) declares them with a bean of this type, next to
 * the pages themselves, so the list of public addresses is complete and reviewable per feature.
 *
 * @param patterns path patterns in Spring's {@code PathPattern} syntax, e.g. {@code /*}{@code /sign-in}
 */
public record PublicPaths(List<String> patterns) {

    public PublicPaths {
        patterns = List.copyOf(patterns);
    }

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
