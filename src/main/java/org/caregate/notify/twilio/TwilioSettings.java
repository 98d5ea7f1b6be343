package org.caregate.notify.twilio;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * The Twilio account that sends texts and makes calls.
 *
 * @param accountSid the account ({@code AC…}); the API user name
 * @param authToken the account's auth token: the API password, and the key Twilio signs its webhook
 *     requests with
 * @param fromNumber the Twilio number texts and calls come from, in +E.164 form
 * @param apiBaseUrl where Twilio's REST API is; only tests change it, to a stand-in on the loopback
 *     address
 */
@ConfigurationProperties("caregate.notify.twilio")
@TwilioConfigured
record TwilioSettings(String accountSid, String authToken, String fromNumber,
        @DefaultValue(TwilioSettings.TWILIO_API) String apiBaseUrl) {

    static final String TWILIO_API = "https://api.twilio.com";

    TwilioSettings {
        if (!StringUtils.hasText(authToken) || !StringUtils.hasText(fromNumber)) {
            throw new IllegalArgumentException(
                    "caregate.notify.twilio.auth-token and from-number must be set along with account-sid");
        }
        apiBaseUrl = apiBaseUrl.replaceAll("/+$", "");
        // The auth token goes with every API request: never in clear text to anything but this machine.
        URI api = URI.create(apiBaseUrl);
        boolean loopback = "127.0.0.1".equals(api.getHost()) || "localhost".equals(api.getHost());
        if (!"https".equals(api.getScheme()) && !("http".equals(api.getScheme()) && loopback)) {
            throw new IllegalArgumentException("caregate.notify.twilio.api-base-url must be an https:// address");
        }
    }

    /** Leaves out the auth token, so that settings printed by mistake give nothing away. */
    @Override
    public String toString() {
        return "TwilioSettings[accountSid=" + accountSid + ", fromNumber=" + fromNumber + ", apiBaseUrl=" + apiBaseUrl
                + "]";
    }
}
