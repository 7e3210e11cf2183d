package dev.gearbox.providers;

import io.vertx.core.buffer.Buffer;
import java.util.Map;

/** An HTTP POST a wire protocol wants sent: absolute URL, headers (credentials included), JSON body. */
public record UpstreamRequest(String url, Map<String, String> headers, Buffer body) {}
