package dev.gearbox.providers.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Json;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.providers.StreamTranslator;
import dev.gearbox.providers.UpstreamRequest;
import dev.gearbox.providers.WireProtocol;
import dev.gearbox.wire.gemini.GeminiErrors;
import dev.gearbox.wire.gemini.GeminiRequests;
import dev.gearbox.wire.gemini.GeminiResponses;
import dev.gearbox.wire.gemini.GeminiStreamTranslator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Google's Gemini API ({@code generativelanguage.googleapis.com}, v1beta): POST
 * {@code models/{model}:generateContent}, or {@code :streamGenerateContent?alt=sse} to stream.
 * The key travels in the {@code x-goog-api-key} header, never in the URL, so it cannot end up in
 * access logs or error messages that quote the URL.
 */
public final class GeminiProtocol implements WireProtocol {
    /** Used when the provider config names no {@code base_url}. */
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final String API_VERSION = "v1beta";
    public static final String API_KEY_HEADER = "x-goog-api-key";

    private final ProviderConfig provider;
    private final Clock clock;
    private final String baseUrl;

    public GeminiProtocol(ProviderConfig provider) {
        this(provider, Clock.systemUTC());
    }

    /** With the clock that dates {@code Retry-After} HTTP dates; tests pass a fixed one. */
    public GeminiProtocol(ProviderConfig provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        String base = provider.baseUrl() == null || provider.baseUrl().isBlank() ? DEFAULT_BASE_URL : provider.baseUrl().trim();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        this.baseUrl = base;
    }

    /** An adapter sending this protocol over {@code client}. */
    public static HttpProviderAdapter adapter(HttpClient client, ProviderConfig p) {
        return new HttpProviderAdapter(client, new GeminiProtocol(p));
    }

    @Override
    public UpstreamRequest toWire(Deployment deployment, ChatRequest request) {
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(GeminiRequests.body(request));
        } catch (JsonProcessingException e) {
            throw new GatewayError.Internal("Could not write the Gemini request body.");
        }
        Map<String, String> headers = new LinkedHashMap<>(provider.headers());
        if (provider.apiKey().present()) headers.put(API_KEY_HEADER, provider.apiKey().reveal());
        return new UpstreamRequest(url(deployment.upstreamModel(), request.stream()), headers, Buffer.buffer(body));
    }

    /**
     * {@code {base}/v1beta/models/{model}:generateContent}; a model already written as a resource
     * name ({@code models/...}, {@code tunedModels/...}) keeps its own collection.
     */
    String url(String model, boolean stream) {
        String resource = model.startsWith("models/") || model.startsWith("tunedModels/") ? model : "models/" + model;
        String method = stream ? ":streamGenerateContent?alt=sse" : ":generateContent";
        return baseUrl + "/" + API_VERSION + "/" + resource + method;
    }

    @Override
    public ChatResponse fromWire(Deployment deployment, Buffer body) {
        return GeminiResponses.parse(deployment, body.getBytes());
    }

    @Override
    public StreamTranslator streamTranslator(Deployment deployment) {
        return new GeminiStreamTranslator(deployment);
    }

    @Override
    public GatewayError.UpstreamError error(Deployment deployment, int status, MultiMap headers, Buffer body) {
        return GeminiErrors.fromHttp(deployment, status, headers, body == null ? null : body.toString(), clock);
    }
}
