package dev.gearbox.providers;

import io.vertx.core.buffer.Buffer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP POST a wire protocol wants sent: absolute URL, headers (credentials included), JSON body.
 * {@link #toString} masks credential headers and leaves out the body, so logging one leaks nothing.
 */
public record UpstreamRequest(String url, Map<String, String> headers, Buffer body) {
    /** Header names whose values are credentials, lower case. */
    public static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "x-api-key", "api-key",
            "x-goog-api-key", "proxy-authorization");

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("UpstreamRequest[url=").append(url).append(", headers={");
        boolean first = true;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            boolean secret = CREDENTIAL_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT));
            sb.append(h.getKey()).append('=').append(secret ? "****" : h.getValue());
        }
        return sb.append("}, body=").append(body == null ? 0 : body.length()).append(" bytes]").toString();
    }
}
