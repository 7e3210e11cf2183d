package dev.gearbox.providers;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;
import io.vertx.core.Future;

/**
 * Speaks one provider's API. A failed future always carries a {@code GatewayError}
 * (usually {@code UpstreamError} with its {@code ErrorClass}), so dispatch can decide what to do.
 * The request's model is already the catalog model; adapters send {@link Deployment#upstreamModel()}.
 */
public interface ProviderAdapter {
    /** One complete answer. */
    Future<ChatResponse> chat(Deployment deployment, ChatRequest request);

    /**
     * A streamed answer. The future completes once the upstream accepted the call (2xx status),
     * so a failure before any byte is a failed future and can still be retried elsewhere.
     */
    Future<ChunkStream> stream(Deployment deployment, ChatRequest request);

    /** Vectors for {@code inputs}, in order, and the input tokens billed; providers without embeddings refuse with a 400. */
    default Future<Embeddings> embed(Deployment deployment, java.util.List<String> inputs) {
        return Future.failedFuture(new dev.gearbox.error.GatewayError.BadRequest("Provider '" + deployment.provider().name()
                + "' does not serve embeddings.", "model"));
    }

    /** An embeddings answer: one vector per input, and the input tokens the provider billed. */
    record Embeddings(java.util.List<float[]> vectors, int inputTokens) {}

    /** As {@link #chat(Deployment, ChatRequest)}, abortable and reporting its first byte through {@code control}. */
    default Future<ChatResponse> chat(Deployment deployment, ChatRequest request, CallControl control) {
        return chat(deployment, request);
    }

    /** As {@link #stream(Deployment, ChatRequest)}, abortable and reporting its first byte through {@code control}. */
    default Future<ChunkStream> stream(Deployment deployment, ChatRequest request, CallControl control) {
        return stream(deployment, request);
    }
}
