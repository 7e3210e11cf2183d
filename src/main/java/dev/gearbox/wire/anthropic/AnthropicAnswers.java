package dev.gearbox.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.FinishReason;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;
import dev.gearbox.error.GatewayError;

/** Canonical answers, usage, stop reasons and errors in Anthropic's Messages shapes, for clients of {@code /v1/messages}. */
public final class AnthropicAnswers {
    private AnthropicAnswers() {}

    public static ObjectNode message(ChatResponse r, String id, String model) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id).put("type", "message").put("role", "assistant").put("model", model);
        ArrayNode content = o.putArray("content");
        Choice c = r.choices().isEmpty() ? null : r.choices().get(0);
        if (c != null && c.message() != null) {
            String text = c.message().text();
            if (!text.isEmpty()) content.addObject().put("type", "text").put("text", text);
            for (ToolCall t : c.message().toolCalls()) {
                content.addObject().put("type", "tool_use").put("id", t.id()).put("name", t.name()).set("input", input(t.arguments()));
            }
        }
        o.put("stop_reason", stopReason(c == null ? null : c.finishReason()));
        o.putNull("stop_sequence");
        o.set("usage", usage(r.usage()));
        return o;
    }

    /** Anthropic counts input without cached tokens, which it reports apart. */
    public static ObjectNode usage(Usage u) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        int cached = u.cachedInputTokens();
        int written = u.cacheWriteTokens();
        o.put("input_tokens", Math.max(0, u.inputTokens() - cached - written)).put("output_tokens", u.outputTokens())
                .put("cache_creation_input_tokens", written).put("cache_read_input_tokens", cached);
        return o;
    }

    public static String stopReason(FinishReason f) {
        if (f == null) return "end_turn";
        return switch (f) {
            case LENGTH -> "max_tokens";
            case TOOL_CALLS -> "tool_use";
            case CONTENT_FILTER -> "refusal";
            default -> "end_turn";
        };
    }

    /** A tool call's JSON text as the object Anthropic's {@code input} holds ({} when it is not an object). */
    public static JsonNode input(String arguments) {
        try {
            JsonNode n = Json.MAPPER.readTree(arguments == null || arguments.isBlank() ? "{}" : arguments);
            return n != null && n.isObject() ? n : Json.MAPPER.createObjectNode();
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    /** {@code {"type":"error","error":{"type":..., "message":...}}} with Anthropic's error type for the status. */
    public static ObjectNode error(GatewayError e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", "error");
        o.putObject("error").put("type", errorType(e.status())).put("message", e.getMessage());
        return o;
    }

    static String errorType(int status) {
        return switch (status) {
            case 400, 408, 414, 422, 431 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
