package org.caregate.session.internal;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

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

    private final Parser parser = new Parser();

    String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        Client client = parser.parse(userAgent.length() > MAX_USER_AGENT ? userAgent.substring(0, MAX_USER_AGENT) : userAgent);
        String browser = client.userAgent == null || "Other".equals(client.userAgent.family) ? null : client.userAgent.family;
        String system = client.os == null || "Other".equals(client.os.family) ? null : client.os.family;
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
