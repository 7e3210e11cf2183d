package dev.gearbox.providers.openai;

import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.GatewayError.UpstreamError;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.providers.StreamTranslator;
import dev.gearbox.providers.UpstreamRequest;
import dev.gearbox.providers.WireProtocol;
import dev.gearbox.wire.openai.OpenAiErrors;
import dev.gearbox.wire.openai.OpenAiRequests;
import dev.gearbox.wire.openai.OpenAiResponses;
import dev.gearbox.wire.openai.OpenAiStreamTranslator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.util.Map;
import java.util.TreeMap;

/**
 * The chat/completions protocol of OpenAI and every OpenAI-compatible server, shaped per server by
 * {@link OpenAiQuirks}. Pure translation; {@link HttpProviderAdapter} does the sending.
 */
public final class OpenAiProtocol implements WireProtocol {
    private final ProviderConfig provider;
    private final OpenAiQuirks quirks;
    /** Credentials and configured headers, computed once: they are the same for every call. */
    private final Map<String, String> headers;

    public OpenAiProtocol(ProviderConfig provider) {
        this(provider, OpenAiQuirks.from(provider));
    }

    public OpenAiProtocol(ProviderConfig provider, OpenAiQuirks quirks) {
        this.provider = provider;
        this.quirks = quirks;
        this.headers = headers(provider, quirks);
    }

    /** An adapter for one configured OpenAI-compatible provider over a shared HTTP client. */
    public static HttpProviderAdapter adapter(HttpClient client, ProviderConfig p) {
        return new HttpProviderAdapter(client, new OpenAiProtocol(p));
    }

    public OpenAiQuirks quirks() {
        return quirks;
    }

    @Override
    public UpstreamRequest toWire(Deployment deployment, ChatRequest request) {
        String model = deployment.upstreamModel();
        return new UpstreamRequest(quirks.url(provider.baseUrl(), model), headers,
                OpenAiRequests.write(request, model, quirks));
    }

    /** OpenAI-compatible {@code /embeddings}: the chat URL's sibling (Azure deployments included). */
    @Override
    public UpstreamRequest embeddings(Deployment deployment, java.util.List<String> inputs) {
        String chatUrl = quirks.url(provider.baseUrl(), deployment.upstreamModel());
        String url = chatUrl.replace("/chat/completions", "/embeddings");
        io.vertx.core.json.JsonObject body = new io.vertx.core.json.JsonObject().put("model", deployment.upstreamModel())
                .put("input", new io.vertx.core.json.JsonArray(new java.util.ArrayList<>(inputs)));
        return new UpstreamRequest(url, headers, body.toBuffer());
    }

    @Override
    public ChatResponse fromWire(Deployment deployment, Buffer body) {
        return OpenAiResponses.parse(body, provider.name(), deployment.id());
    }

    @Override
    public StreamTranslator streamTranslator(Deployment deployment) {
        return new OpenAiStreamTranslator(provider.name(), deployment.id());
    }

    @Override
    public UpstreamError error(Deployment deployment, int status, MultiMap headers, Buffer body) {
        UpstreamError e = OpenAiErrors.classify(provider.name(), deployment.id(), status, headers, body);
        String key = provider.apiKey().reveal();
        String message = e.getMessage();
        if (key == null || message == null || !message.contains(key)) return e;
        // Belt and braces: an upstream that echoes our key must not hand it to the client.
        return new UpstreamError(e.provider(), e.deployment(), e.upstreamStatus(), e.errorClass(),
                message.replace(key, "****"), e.code(), e.retryAfter());
    }

    private static Map<String, String> headers(ProviderConfig p, OpenAiQuirks quirks) {
        // Case-insensitive so a configured "Authorization" replaces ours instead of being sent twice.
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (p.apiKey().present()) {
            if (quirks.auth() == OpenAiQuirks.AuthStyle.API_KEY) h.put("api-key", p.apiKey().reveal());
            else h.put("Authorization", "Bearer " + p.apiKey().reveal());
        }
        h.putAll(p.headers());
        return Map.copyOf(h);
    }
}
