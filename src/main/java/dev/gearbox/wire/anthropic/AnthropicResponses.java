package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.ChatResponse;
import dev.gearbox.chat.Choice;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic {@code message} objects (the non-streamed answer) as canonical responses. Text blocks
 * are concatenated as they stand (Anthropic splits one text around citations, so no separator);
 * {@code tool_use} blocks become tool calls with their input as JSON text; thinking and server-tool
 * blocks carry nothing the canonical model holds and are skipped.
 */
public final class AnthropicResponses {
    private AnthropicResponses() {}

    /**
     * The canonical response for an Anthropic message.
     *
     * @throws IllegalArgumentException when {@code message} is not an Anthropic message object
     */
    public static ChatResponse decode(JsonNode message) {
        if (message == null || !message.isObject() || !"message".equals(message.path("type").asText())
                || !message.path("content").isArray()) {
            throw new IllegalArgumentException("not an Anthropic message object");
        }
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : message.get("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "tool_use" -> calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                        inputJson(block.get("input"))));
                default -> { } // thinking, redacted_thinking, server tool blocks
            }
        }
        List<ContentPart> content = text.isEmpty() ? List.of() : List.of(new ContentPart.Text(text.toString()));
        Message answer = new Message(Role.ASSISTANT, content, null, calls, null);
        Choice choice = new Choice(0, answer, AnthropicStopReasons.decode(textOrNull(message.get("stop_reason"))));
        return new ChatResponse(message.path("id").asText(), textOrNull(message.get("model")), List.of(choice),
                AnthropicUsage.decode(message.get("usage")).toCanonical());
    }

    /** A tool's input as the JSON text canonical tool calls carry; a missing input is {@code {}}. */
    static String inputJson(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) return "{}";
        try {
            return MAPPER.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("tool input cannot be written as JSON", e);
        }
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
