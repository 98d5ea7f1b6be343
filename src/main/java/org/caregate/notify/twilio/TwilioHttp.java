package org.caregate.notify.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpUtility;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;

/**
 * Carries the Twilio SDK's requests over the JDK's HTTP client instead of the SDK's own, for three
 * reasons. Time-outs of a few seconds, far inside the outbox worker's lease: the SDK's client sets a
 * 30.5-second connect time-out on every request, whatever it was built with. One try per send: the
 * SDK's client would repeat a request that got a 5xx three times at once, while the outbox already
 * retries with back-off. And tests point it at a stand-in for Twilio's API.
 */
final class TwilioHttp extends HttpClient implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(15);

    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
            .build();

    private final String apiBaseUrl;

    /** @param apiBaseUrl where requests for {@code https://api.twilio.com} go instead, without a trailing slash */
    TwilioHttp(String apiBaseUrl) {
        this.apiBaseUrl = apiBaseUrl;
    }

    @Override
    public Response reliableRequest(Request request) {
        // One try: no status is worth repeating at once.
        return reliableRequest(request, new int[0], 1, 0);
    }

    @Override
    public Response makeRequest(Request request) {
        var builder = HttpRequest.newBuilder(address(request))
                .timeout(RESPONSE_TIMEOUT)
                .header("Accept", "application/json")
                .header("User-Agent", HttpUtility.getUserAgentString(request.getUserAgentExtensions(), true));
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        request.getHeaderParams().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        builder.method(request.getMethod().toString(), body(request, builder));
        try {
            HttpResponse<String> response = http.send(builder.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.body(), response.statusCode(), headers(response));
        } catch (IOException e) {
            throw new ApiConnectionException("Twilio could not be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException("Interrupted while waiting for Twilio", e);
        }
    }

    private URI address(Request request) {
        String url = request.constructURL().toString();
        if (!apiBaseUrl.equals(TwilioSettings.TWILIO_API) && url.startsWith(TwilioSettings.TWILIO_API + "/")) {
            url = apiBaseUrl + url.substring(TwilioSettings.TWILIO_API.length());
        }
        return URI.create(url);
    }

    private static BodyPublisher body(Request request, HttpRequest.Builder builder) {
        EnumConstants.ContentType type = request.getContentType();
        return switch (request.getMethod()) {
            case POST, PUT, PATCH -> {
                if (type == EnumConstants.ContentType.JSON) {
                    builder.header("Content-Type", "application/json");
                    yield BodyPublishers.ofString(request.getBody(), StandardCharsets.UTF_8);
                }
                if (type != null && type != EnumConstants.ContentType.FORM_URLENCODED) {
                    throw new UnsupportedOperationException("Twilio requests of type " + type + " are not supported");
                }
                builder.header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8");
                yield BodyPublishers.ofString(request.encodeFormBody(), StandardCharsets.UTF_8);
            }
            default -> BodyPublishers.noBody();
        };
    }

    private static Header[] headers(HttpResponse<?> response) {
        return response.headers().map().entrySet().stream()
                .flatMap(header -> header.getValue().stream().map(value -> new BasicHeader(header.getKey(), value)))
                .toArray(Header[]::new);
    }

    @Override
    public void close() {
        http.close();
    }
}
