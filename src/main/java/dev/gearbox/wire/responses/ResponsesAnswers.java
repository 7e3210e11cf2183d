package dev.gearbox.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.Usage;

/** Canonical answers as OpenAI Responses {@code response} objects. */
public final class ResponsesAnswers {
    private ResponsesAnswers() {}

    /** The response object's envelope, with no output yet (also the payload of response.created). */
    public static ObjectNode envelope(String id, String model, long createdAt, ChatRequest request, String status) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", id).put("object", "response").put("created_at", createdAt).put("status", status).put("model", model);
        o.putNull("error");
        o.putNull("incomplete_details");
        o.putNull("instructions");
        o.putArray("output");
        o.put("parallel_tool_calls", true);
        o.put("tool_choice", "auto");
        o.putArray("tools");
        if (request.temperature() != null) o.put("temperature", request.temperature());
        else o.put("temperature", 1.0);
        if (request.topP() != null) o.put("top_p", request.topP());
        else o.put("top_p", 1.0);
        if (request.maxTokens() != null) o.put("max_output_tokens", request.maxTokens());
        else o.putNull("max_output_tokens");
        o.putObject("metadata");
        return o;
    }

    public static ObjectNode response(ChatResponse r, String id, String model, long createdAt, ChatRequest request) {
        ObjectNode o = envelope(id, model, createdAt, request, "completed");
        ArrayNode output = (ArrayNode) o.get("output");
        Choice c = r.choices().isEmpty() ? null : r.choices().get(0);
        if (c != null && c.message() != null) {
            String text = c.message().text();
            if (!text.isEmpty()) output.add(message(id + "_msg", text, "completed"));
            int i = 0;
            for (ToolCall t : c.message().toolCalls()) output.add(functionCall(id + "_fc" + i++, t.id(), t.name(), t.arguments(), "completed"));
        }
        o.set("usage", usage(r.usage()));
        return o;
    }

    public static ObjectNode message(String itemId, String text, String status) {
        ObjectNode m = Json.MAPPER.createObjectNode().put("type", "message").put("id", itemId).put("status", status).put("role", "assistant");
        ArrayNode content = m.putArray("content");
        if (text != null) content.add(outputText(text));
        return m;
    }

    public static ObjectNode outputText(String text) {
        ObjectNode p = Json.MAPPER.createObjectNode().put("type", "output_text").put("text", text);
        p.putArray("annotations");
        p.putArray("logprobs");
        return p;
    }

    public static ObjectNode functionCall(String itemId, String callId, String name, String arguments, String status) {
        return Json.MAPPER.createObjectNode().put("type", "function_call").put("id", itemId).put("call_id", callId).put("name", name)
                .put("arguments", arguments == null ? "" : arguments).put("status", status);
    }

    public static ObjectNode usage(Usage u) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("input_tokens", u.inputTokens());
        o.putObject("input_tokens_details").put("cached_tokens", u.cachedInputTokens());
        o.put("output_tokens", u.outputTokens());
        o.putObject("output_tokens_details").put("reasoning_tokens", u.reasoningTokens());
        o.put("total_tokens", u.inputTokens() + u.outputTokens());
        return o;
    }
}
