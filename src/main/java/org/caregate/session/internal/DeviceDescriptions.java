package org.caregate.session.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.ConcurrentLruCache;
import ua_parser.OS;
import ua_parser.Parser;
import ua_parser.UserAgent;

/**
 * "Chrome Mobile on Android": an approximate browser and system from the User-Agent header, by
 * uap-java's rules. Only this description is stored, never the header itself (it can be precise
 * enough to single out a person's device). Stored as {@code <browser> on <system>}, or
 * {@code <browser>} alone, or {@link #UNKNOWN}; {@link #localized} says it in the reader's language.
 */
@Component
public class DeviceDescriptions {

    static final String UNKNOWN = "Unknown browser";
    private static final String ON = " on ";
    /** Longer than any real browser's; a longer header is cut before parsing, so it costs nothing extra. */
    private static final int MAX_USER_AGENT = 512;

    /**
     * Most sign-ins come from a few hundred browser versions, and trying uap-java's hundreds of
     * patterns costs more than everything else in a sign-in but the password hash; so descriptions
     * are kept for the most recent headers.
     */
    private static final int CACHED_HEADERS = 2048;

    private final Parser parser = new Parser();
    private final ConcurrentLruCache<String, String> described = new ConcurrentLruCache<>(CACHED_HEADERS, this::parse);

    String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        return described.get(userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
    }

    private String parse(String userAgent) {
        // Only the browser and the system are shown; the device patterns (the costliest) are not tried.
        UserAgent agent = parser.parseUserAgent(userAgent);
        OS os = parser.parseOS(userAgent);
        String browser = agent == null || "Other".equals(agent.family) ? null : agent.family;
        String system = os == null || "Other".equals(os.family) ? null : os.family;
        if (browser == null) {
            return UNKNOWN;
        }
        return system == null ? browser : browser + ON + system;
    }

    /** The stored description in the reader's language: "Chrome Mobile en Android". */
    public static String localized(String stored, MessageSource messages, Locale locale) {
        if (stored.equals(UNKNOWN)) {
            return messages.getMessage("signIns.device.unknown", null, UNKNOWN, locale);
        }
        int on = stored.lastIndexOf(ON);
        if (on < 0) {
            return stored;
        }
        return messages.getMessage("signIns.device.on",
                new Object[] {stored.substring(0, on), stored.substring(on + ON.length())}, stored, locale);
    }
}
