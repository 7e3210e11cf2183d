package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolChoice;

/**
 * Canonical chat requests as Anthropic Messages API bodies ({@code POST /v1/messages}).
 *
 * <p>Choices where the two models differ:
 * <ul>
 *   <li>{@code max_tokens} is required by Anthropic: the request's cap, else the caller's default.</li>
 *   <li>{@code temperature} is clamped to Anthropic's range 0..1 (OpenAI allows up to 2), so a request
 *       routed here is not refused for a value another provider would take.</li>
 *   <li>{@code response_format}: the stable Messages API has no plain JSON mode, so a JSON request
 *       appends an instruction (with the schema, for json_schema) as a last system block. This asks
 *       for JSON; it does not guarantee it, unlike OpenAI's constrained decoding.</li>
 *   <li>{@code tool_choice} is sent only with tools (Anthropic refuses it without any);
 *       {@code required} becomes {@code any}.</li>
 *   <li>{@code user} becomes {@code metadata.user_id}; {@code seed}, {@code metadata} and
 *       {@code extra} have no Anthropic counterpart and are dropped.</li>
 * </ul>
 */
public final class AnthropicRequests {
    /** The {@code max_tokens} sent when neither the request nor the provider config sets one. */
    public static final int DEFAULT_MAX_TOKENS = 4096;
    /** Anthropic's upper bound for {@code temperature}. */
    public static final double MAX_TEMPERATURE = 1.0;
    /** The system instruction standing in for a JSON mode. */
    public static final String JSON_INSTRUCTION = "Respond with a single valid JSON object and nothing else:"
            + " no Markdown code fences, no text before or after it.";

    private AnthropicRequests() {}

    /**
     * The Anthropic body for {@code request}, addressed to {@code request.model()} as given (the
     * caller puts the upstream model name there).
     *
     * @throws dev.gearbox.error.GatewayError.BadRequest when a message cannot be expressed for
     *         Anthropic (tool call arguments that are not a JSON object, an unusable image URL, ...)
     */
    public static ObjectNode encode(ChatRequest request, int defaultMaxTokens) {
        AnthropicTurns.Encoded turns = AnthropicTurns.encode(request.messages());
        ArrayNode system = turns.system();
        if (request.wantsJson()) system.add(AnthropicTurns.textBlock(jsonInstruction(request.responseFormat()), false));

        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens);
        if (!system.isEmpty()) body.set("system", system);
        body.set("messages", turns.messages());
        if (!request.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            for (Tool t : request.tools()) tools.add(tool(t));
            if (request.toolChoice() != null) body.set("tool_choice", toolChoice(request.toolChoice()));
        }
        if (!request.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop_sequences");
            request.stop().forEach(stop::add);
        }
        if (request.temperature() != null) {
            body.put("temperature", Math.max(0.0, Math.min(MAX_TEMPERATURE, request.temperature())));
        }
        if (request.topP() != null) body.put("top_p", request.topP());
        if (request.user() != null && !request.user().isEmpty()) body.putObject("metadata").put("user_id", request.user());
        if (request.stream()) body.put("stream", true);
        return body;
    }

    /** The system instruction asking for JSON, naming the schema when there is one. */
    static String jsonInstruction(ResponseFormat format) {
        if (format.type() != ResponseFormat.Type.JSON_SCHEMA || format.schema() == null) return JSON_INSTRUCTION;
        String name = format.schemaName() == null ? "" : " \"" + format.schemaName() + "\"";
        return JSON_INSTRUCTION + " The JSON object must conform to this JSON Schema" + name + ":\n"
                + format.schema().toString();
    }

    private static ObjectNode tool(Tool t) {
        ObjectNode tool = MAPPER.createObjectNode().put("name", t.name());
        if (t.description() != null && !t.description().isEmpty()) tool.put("description", t.description());
        JsonNode schema = t.parameters();
        if (schema == null || schema.isNull() || schema.isMissingNode()) {
            tool.putObject("input_schema").put("type", "object");
        } else {
            tool.set("input_schema", schema);
        }
        return tool;
    }

    private static ObjectNode toolChoice(ToolChoice choice) {
        ObjectNode node = MAPPER.createObjectNode();
        return switch (choice.mode()) {
            case AUTO -> node.put("type", "auto");
            case REQUIRED -> node.put("type", "any");
            case NONE -> node.put("type", "none");
            case NAMED -> node.put("type", "tool").put("name", choice.name());
        };
    }
}
