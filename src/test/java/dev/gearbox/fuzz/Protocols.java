package dev.gearbox.fuzz;

import dev.gearbox.chat.ChatChunk;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.config.Deployment;
import dev.gearbox.config.ProviderConfig;
import dev.gearbox.config.Secret;
import dev.gearbox.error.GatewayError;
import dev.gearbox.providers.SseParser;
import dev.gearbox.providers.StreamTranslator;
import dev.gearbox.providers.WireProtocol;
import dev.gearbox.providers.anthropic.AnthropicProtocol;
import dev.gearbox.providers.gemini.GeminiProtocol;
import dev.gearbox.providers.openai.OpenAiProtocol;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The three HTTP provider protocols, and the checks the fuzz tests run through them. */
final class Protocols {
    static final Deployment OPENAI = deployment("openai", "https://api.openai.invalid/v1");
    static final Deployment ANTHROPIC = deployment("anthropic", "https://api.anthropic.invalid");
    static final Deployment GEMINI = deployment("gemini", "https://gemini.invalid");
    static final WireProtocol OPENAI_PROTOCOL = new OpenAiProtocol(OPENAI.provider());
    static final WireProtocol ANTHROPIC_PROTOCOL = new AnthropicProtocol(ANTHROPIC.provider());
    static final WireProtocol GEMINI_PROTOCOL = new GeminiProtocol(GEMINI.provider());
    /** Statuses an error body is classified under: each class of the error mappers' tables. */
    private static final int[] STATUSES = {400, 401, 404, 413, 429, 500, 503, 529};

    private Protocols() {}

    private static Deployment deployment(String kind, String baseUrl) {
        ProviderConfig p = new ProviderConfig(kind, kind, baseUrl, Secret.of("sk-fuzz", "env:FUZZ"), Map.of(), Map.of());
        return new Deployment(kind + "/m", "m", "m", p, 1, 0, 0);
    }

    /**
     * An accepted request goes to every provider's writer, which either writes it or refuses with
     * a 400 naming what that provider's format cannot express (e.g. a legacy function result
     * without a call id for Anthropic); any other failure is a finding.
     */
    static void writeForEveryProvider(ChatRequest request) {
        for (var p : List.of(Map.entry(OPENAI_PROTOCOL, OPENAI), Map.entry(ANTHROPIC_PROTOCOL, ANTHROPIC), Map.entry(GEMINI_PROTOCOL, GEMINI))) {
            try {
                p.getKey().toWire(p.getValue(), request);
            } catch (GatewayError.BadRequest refused) {
                if (refused.getMessage() == null || refused.getMessage().isBlank()) throw new AssertionError("a 400 without a message");
            }
        }
    }

    /** A provider's answer body: mapped to a response, or refused as an upstream error; and as an error body under each status. */
    static void answer(WireProtocol protocol, Deployment d, byte[] body) {
        try {
            protocol.fromWire(d, Buffer.buffer(body));
        } catch (GatewayError.UpstreamError expected) {
            // a body that is not what the API promises
        }
        for (int status : STATUSES) {
            GatewayError.UpstreamError e = protocol.error(d, status, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(body));
            if (e == null || e.getMessage() == null) throw new AssertionError("status " + status + " mapped to no error");
        }
    }

    /** A provider's SSE stream, fed in two pieces (split where the first byte says) to one fresh translator. */
    static void stream(WireProtocol protocol, Deployment d, byte[] bytes) {
        StreamTranslator t = protocol.streamTranslator(d);
        List<ChatChunk> out = new ArrayList<>();
        boolean[] failed = {false};
        SseParser parser = new SseParser(event -> {
            if (failed[0]) return;
            try {
                t.onEvent(event, out);
            } catch (GatewayError.UpstreamError expected) {
                failed[0] = true; // an error event, or an event that breaks the protocol
            }
        });
        int split = bytes.length == 0 ? 0 : (bytes[0] & 0xff) % (bytes.length + 1);
        parser.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, 0, split)));
        parser.feed(Buffer.buffer(java.util.Arrays.copyOfRange(bytes, split, bytes.length)));
        parser.finish();
    }
}
