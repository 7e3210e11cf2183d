package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolChoice;

/**
 * Builds the body of a {@code generateContent} / {@code streamGenerateContent} call from a
 * canonical request. Gemini has no field for {@code user}, {@code metadata} or the pass-through
 * {@code extra}, so those are dropped; streaming is chosen by the URL, not the body.
 */
public final class GeminiRequests {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiRequests() {}

    /** The JSON body; throws {@code GatewayError.BadRequest} when a message cannot be expressed. */
    public static ObjectNode body(ChatRequest request) {
        ObjectNode body = NODES.objectNode();
        GeminiContents conversation = GeminiContents.from(request.messages());
        body.set("contents", conversation.contents());
        if (conversation.systemInstruction() != null) body.set("systemInstruction", conversation.systemInstruction());
        if (!request.tools().isEmpty()) {
            body.putArray("tools").addObject().set("functionDeclarations", declarations(request));
            if (request.toolChoice() != null) body.set("toolConfig", toolConfig(request.toolChoice()));
        }
        ObjectNode config = generationConfig(request);
        if (!config.isEmpty()) body.set("generationConfig", config);
        return body;
    }

    private static ArrayNode declarations(ChatRequest request) {
        ArrayNode out = NODES.arrayNode();
        for (Tool t : request.tools()) {
            ObjectNode fn = out.addObject();
            fn.put("name", t.name());
            if (t.description() != null) fn.put("description", t.description());
            ObjectNode params = GeminiSchemas.forParameters(t.parameters());
            if (params != null) fn.set("parameters", params);
        }
        return out;
    }

    /** auto -> AUTO, none -> NONE, required -> ANY, a named function -> ANY limited to that name. */
    static ObjectNode toolConfig(ToolChoice choice) {
        ObjectNode config = NODES.objectNode();
        ObjectNode fcc = config.putObject("functionCallingConfig");
        switch (choice.mode()) {
            case AUTO -> fcc.put("mode", "AUTO");
            case NONE -> fcc.put("mode", "NONE");
            case REQUIRED -> fcc.put("mode", "ANY");
            case NAMED -> {
                fcc.put("mode", "ANY");
                fcc.putArray("allowedFunctionNames").add(choice.name());
            }
        }
        return config;
    }

    /**
     * Sampling and output settings. JSON mode sets {@code responseMimeType}; a schema goes in
     * {@code responseJsonSchema} rather than {@code responseSchema}: the former takes standard
     * JSON Schema ({@code additionalProperties}, {@code $ref}/{@code $defs}, type arrays), which
     * is what OpenAI-style clients send, while the latter is the OpenAPI subset that refuses
     * those keys and would need a lossy rewrite.
     */
    static ObjectNode generationConfig(ChatRequest r) {
        ObjectNode c = NODES.objectNode();
        if (r.temperature() != null) c.put("temperature", r.temperature());
        if (r.topP() != null) c.put("topP", r.topP());
        if (r.maxTokens() != null) c.put("maxOutputTokens", r.maxTokens());
        if (!r.stop().isEmpty()) {
            ArrayNode stops = c.putArray("stopSequences");
            r.stop().forEach(stops::add);
        }
        if (r.seed() != null) c.put("seed", seed32(r.seed()));
        ResponseFormat format = r.responseFormat();
        if (format != null && format.wantsJson()) {
            c.put("responseMimeType", "application/json");
            JsonNode schema = format.type() == ResponseFormat.Type.JSON_SCHEMA ? GeminiSchemas.forResponse(format.schema()) : null;
            if (schema != null && !schema.isNull()) c.set("responseJsonSchema", schema);
        }
        return c;
    }

    /**
     * Gemini's seed is a 32-bit integer. A seed that fits goes unchanged; a wider one is folded
     * (high half XOR low half) so the same request still gets the same seed.
     */
    static int seed32(long seed) {
        return seed == (int) seed ? (int) seed : (int) (seed ^ (seed >>> 32));
    }
}
