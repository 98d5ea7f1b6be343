package org.caregate.identity;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a person chose on their account settings page.
 *
 * @param channels how account notices reach them
 * @param language {@code en} or {@code es}; {@code null} until they choose, when messages follow the
 *     language of the page they used
 */
public record ContactPreferences(NoticeChannels channels, @Nullable String language) {

    public static final Set<String> LANGUAGES = Set.of("en", "es");

    public ContactPreferences {
        if (language != null && !LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Unsupported language");
        }
    }

    /** The language for a message to this person: their choice, else {@code fallback}. */
    public Locale locale(Locale fallback) {
        return language == null ? fallback : Locale.forLanguageTag(language);
    }
}
