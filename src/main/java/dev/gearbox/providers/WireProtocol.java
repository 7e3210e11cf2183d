package dev.gearbox.providers;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;
import dev.gearbox.error.GatewayError;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * One provider's HTTP API as pure translations, with no I/O: {@link HttpProviderAdapter} does the
 * sending. Keeping the mapping pure lets each provider be tested table-driven on wire fixtures.
 */
public interface WireProtocol {
    /** The call to make for {@code request} (streaming when {@code request.stream()}). */
    UpstreamRequest toWire(Deployment deployment, ChatRequest request);

    /** Parses a 2xx non-streamed body. Throws {@code UpstreamError} when the body is not what the API promises. */
    ChatResponse fromWire(Deployment deployment, Buffer body);

    /** A fresh translator for one streamed answer. */
    StreamTranslator streamTranslator(Deployment deployment);

    /** The call that embeds {@code inputs}, or null when this provider's API has no embeddings endpoint. */
    default UpstreamRequest embeddings(Deployment deployment, java.util.List<String> inputs) {
        return null;
    }

    /** Classifies a non-2xx answer from its status, headers and structured error body. */
    GatewayError.UpstreamError error(Deployment deployment, int status, MultiMap headers, Buffer body);
}
