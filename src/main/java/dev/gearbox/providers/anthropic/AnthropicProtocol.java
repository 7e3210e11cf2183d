package dev.gearbox.providers.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.config.ConfigException;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.error.ErrorClass;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.HttpProviderAdapter;
import dev.gearbox.providers.StreamTranslator;
import dev.gearbox.providers.UpstreamRequest;
import dev.gearbox.providers.WireProtocol;
import dev.gearbox.wire.anthropic.AnthropicErrors;
import dev.gearbox.wire.anthropic.AnthropicRequests;
import dev.gearbox.wire.anthropic.AnthropicResponses;
import dev.gearbox.wire.anthropic.AnthropicStreamTranslator;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import java.io.IOException;
import java.time.Clock;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Anthropic's Messages API ({@code POST {base}/v1/messages}) as a {@link WireProtocol}; the JSON
 * mapping lives in {@code dev.gearbox.wire.anthropic}. Sends the key as {@code x-api-key} and
 * {@code anthropic-version: 2023-06-01}; headers from the provider config are added and may
 * override the version or add {@code anthropic-beta}. Option {@value #OPTION_DEFAULT_MAX_TOKENS}
 * sets the {@code max_tokens} sent when a request has none (Anthropic requires one).
 */
public final class AnthropicProtocol implements WireProtocol {
    /** Where calls go when the provider config names no base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.anthropic.com";
    /** The {@code anthropic-version} header value the wire mapping was written against. */
    public static final String API_VERSION = "2023-06-01";
    /** Provider option: {@code max_tokens} for requests without one (default {@value AnthropicRequests#DEFAULT_MAX_TOKENS}). */
    public static final String OPTION_DEFAULT_MAX_TOKENS = "default_max_tokens";

    private final ProviderConfig provider;
    private final String url;
    private final Map<String, String> headers;
    private final int defaultMaxTokens;
    private final Clock clock;

    public AnthropicProtocol(ProviderConfig provider) {
        this(provider, Clock.systemUTC());
    }

    /** {@code clock} dates {@code Retry-After} values given as HTTP dates. */
    public AnthropicProtocol(ProviderConfig provider, Clock clock) {
        this.provider = provider;
        this.clock = clock;
        this.url = messagesUrl(provider.baseUrl());
        this.headers = headers(provider);
        this.defaultMaxTokens = defaultMaxTokens(provider);
    }

    /** An adapter sending this protocol's calls over {@code client}. */
    public static HttpProviderAdapter adapter(HttpClient client, ProviderConfig provider) {
        return new HttpProviderAdapter(client, new AnthropicProtocol(provider));
    }

    @Override
    public UpstreamRequest toWire(Deployment deployment, ChatRequest request) {
        JsonNode body = AnthropicRequests.encode(request.withModel(deployment.upstreamModel()), defaultMaxTokens);
        try {
            return new UpstreamRequest(url, headers, Buffer.buffer(MAPPER.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new GatewayError.Internal("Could not write the Anthropic request body.");
        }
    }

    @Override
    public ChatResponse fromWire(Deployment deployment, Buffer body) {
        try {
            return AnthropicResponses.decode(MAPPER.readTree(body.getBytes()));
        } catch (IOException | IllegalArgumentException garbage) {
            throw new GatewayError.UpstreamError(provider.name(), deployment.id(), 200, ErrorClass.SERVER_ERROR,
                    "Upstream " + provider.name() + " answered 200 with a garbage body (not an Anthropic message).",
                    null, null);
        }
    }

    @Override
    public StreamTranslator streamTranslator(Deployment deployment) {
        return new AnthropicStreamTranslator(provider.name(), deployment.id());
    }

    @Override
    public GatewayError.UpstreamError error(Deployment deployment, int status, MultiMap responseHeaders, Buffer body) {
        return AnthropicErrors.decode(provider.name(), deployment.id(), status, responseHeaders, body, clock);
    }

    static String messagesUrl(String baseUrl) {
        String base = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        while (base.endsWith("/")) base = base.substring(0, base.length() - 1);
        if (base.endsWith("/v1")) base = base.substring(0, base.length() - 3); // tolerate a base given with /v1
        return base + "/v1/messages";
    }

    private static Map<String, String> headers(ProviderConfig p) {
        Map<String, String> h = new KeyMaskingHeaders();
        h.put("anthropic-version", API_VERSION);
        h.putAll(p.headers());
        if (p.apiKey().present()) h.put("x-api-key", p.apiKey().reveal());
        return Collections.unmodifiableMap(h);
    }

    /** Headers whose {@code toString} masks the key, so a logged {@link UpstreamRequest} does not leak it. */
    private static final class KeyMaskingHeaders extends TreeMap<String, String> {
        private static final long serialVersionUID = 1L;

        KeyMaskingHeaders() {
            super(String.CASE_INSENSITIVE_ORDER);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                    .append(k.equalsIgnoreCase("x-api-key") || k.equalsIgnoreCase("authorization") ? "****" : v));
            return sb.append('}').toString();
        }
    }

    private static int defaultMaxTokens(ProviderConfig p) {
        String path = "providers." + p.name() + ".options." + OPTION_DEFAULT_MAX_TOKENS;
        double v;
        try {
            v = p.option(OPTION_DEFAULT_MAX_TOKENS, (double) AnthropicRequests.DEFAULT_MAX_TOKENS);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v >= 1 && v <= Integer.MAX_VALUE) || v != Math.rint(v)) {
            throw new ConfigException(null, 0, path, "must be a positive whole number, got '"
                    + p.options().get(OPTION_DEFAULT_MAX_TOKENS) + "'", "set it to a token count such as "
                    + AnthropicRequests.DEFAULT_MAX_TOKENS + ", or remove it");
        }
        return (int) v;
    }
}
