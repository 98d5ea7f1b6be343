package org.caregate.session.internal;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import ua_parser.Client;
import ua_parser.Parser;

/** "Chrome on Android": an approximate device and browser from the User-Agent header, by uap-java's rules. */
@Component
class DeviceDescriptions {

    private final Parser parser = new Parser();

    String describe(@Nullable String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown browser";
        }
        Client client = parser.parse(userAgent.length() > 512 ? userAgent.substring(0, 512) : userAgent);
        String browser = client.userAgent == null || "Other".equals(client.userAgent.family) ? "Unknown browser"
                : client.userAgent.family;
        String system = client.os == null || "Other".equals(client.os.family) ? null : client.os.family;
        return system == null ? browser : browser + " on " + system;
    }
}
