package dev.gearbox.chat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The canonical chat request every ingress format parses into and every provider adapter
 * translates from. {@code maxTokens} is the output cap (max_tokens or max_completion_tokens).
 * {@code extra} holds request fields Gearbox does not model; the OpenAI-compatible adapter passes
 * them through unchanged, others drop them.
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        ResponseFormat responseFormat,
        Double temperature,
        Double topP,
        Integer maxTokens,
        List<String> stop,
        Long seed,
        String user,
        Map<String, String> metadata,
        boolean stream,
        boolean includeUsage,
        ObjectNode extra) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A minimal request, for tests and internal calls. */
    public static ChatRequest of(String model, List<Message> messages) {
        return new ChatRequest(model, messages, null, null, null, null, null, null, null, null, null, null, false, false, null);
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(newModel, messages, tools, toolChoice, responseFormat, temperature, topP, maxTokens,
                stop, seed, user, metadata, stream, includeUsage, extra);
    }

    public ChatRequest withStream(boolean newStream) {
        return new ChatRequest(model, messages, tools, toolChoice, responseFormat, temperature, topP, maxTokens,
                stop, seed, user, metadata, newStream, newStream && includeUsage, extra);
    }

    public ChatRequest withMaxTokens(Integer newMax) {
        return new ChatRequest(model, messages, tools, toolChoice, responseFormat, temperature, topP, newMax,
                stop, seed, user, metadata, stream, includeUsage, extra);
    }

    public boolean hasImages() {
        for (Message m : messages) if (m.hasImage()) return true;
        return false;
    }

    public boolean wantsJson() {
        return responseFormat != null && responseFormat.wantsJson();
    }
}
