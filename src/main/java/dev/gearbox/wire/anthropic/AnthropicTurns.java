package dev.gearbox.wire.anthropic;

import static dev.gearbox.chat.Json.MAPPER;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.error.GatewayError;
import java.util.List;
import java.util.Locale;

/**
 * Canonical messages as Anthropic's {@code system} blocks and alternating {@code messages} turns.
 * Anthropic has no system role and no tool role: system and developer messages, wherever they
 * stand, become top-level system blocks in order; tool answers become {@code tool_result} blocks in
 * a user turn. Consecutive turns of one role are merged into one, which also puts consecutive tool
 * results into one user turn as Anthropic requires after a parallel tool call.
 */
final class AnthropicTurns {
    private static final ObjectReader STRICT_JSON = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The {@code system} array (possibly empty) and the {@code messages} array. */
    record Encoded(ArrayNode system, ArrayNode messages) {}

    private AnthropicTurns() {}

    static Encoded encode(List<Message> messages) {
        ArrayNode system = MAPPER.createArrayNode();
        ArrayNode turns = MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> system.addAll(systemBlocks(m, i));
                case USER -> append(turns, "user", contentBlocks(m.content(), i));
                case ASSISTANT -> {
                    ArrayNode blocks = contentBlocks(m.content(), i);
                    for (int j = 0; j < m.toolCalls().size(); j++) blocks.add(toolUse(m.toolCalls().get(j), i, j));
                    append(turns, "assistant", blocks);
                }
                case TOOL -> append(turns, "user", MAPPER.createArrayNode().add(toolResult(m, i)));
            }
        }
        return new Encoded(system, turns);
    }

    /** A text block; a part marked as a cache breakpoint carries {@code cache_control}. */
    static ObjectNode textBlock(String text, boolean cache) {
        ObjectNode block = MAPPER.createObjectNode().put("type", "text").put("text", text);
        if (cache) block.putObject("cache_control").put("type", "ephemeral");
        return block;
    }

    private static void append(ArrayNode turns, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) return; // Anthropic rejects empty turns; an empty one says nothing anyway
        JsonNode last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode turn = turns.addObject().put("role", role);
        turn.set("content", blocks);
    }

    private static ArrayNode systemBlocks(Message m, int i) {
        ArrayNode blocks = MAPPER.createArrayNode();
        for (ContentPart part : m.content()) {
            if (!(part instanceof ContentPart.Text t)) {
                throw new GatewayError.BadRequest("messages[" + i + "] is a " + m.role().wire()
                        + " message with an image; Anthropic accepts only text in system prompts.", "messages[" + i + "].content");
            }
            if (!t.text().isEmpty()) blocks.add(textBlock(t.text(), t.cache()));
        }
        return blocks;
    }

    private static ArrayNode contentBlocks(List<ContentPart> parts, int i) {
        ArrayNode blocks = MAPPER.createArrayNode();
        for (ContentPart part : parts) {
            switch (part) {
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) blocks.add(textBlock(t.text(), t.cache())); // empty text blocks are refused
                }
                case ContentPart.Image img -> blocks.add(image(img, i));
            }
        }
        return blocks;
    }

    private static ObjectNode image(ContentPart.Image img, int i) {
        String url = img.url();
        ObjectNode block = MAPPER.createObjectNode().put("type", "image");
        ObjectNode source = block.putObject("source");
        if (startsWithIgnoreCase(url, "data:")) {
            int comma = url.indexOf(',');
            boolean base64 = comma > 0 && url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64");
            if (!base64 || img.dataMediaType() == null) {
                throw new GatewayError.BadRequest("messages[" + i + "] has an image data URL that is not"
                        + " 'data:<media type>;base64,<data>'.", "messages[" + i + "].content");
            }
            source.put("type", "base64").put("media_type", img.dataMediaType()).put("data", img.dataBase64());
        } else if (startsWithIgnoreCase(url, "https://") || startsWithIgnoreCase(url, "http://")) {
            source.put("type", "url").put("url", url);
        } else {
            throw new GatewayError.BadRequest("messages[" + i + "] has an image URL that is neither http(s) nor a"
                    + " data URL.", "messages[" + i + "].content");
        }
        return block;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    private static ObjectNode toolUse(ToolCall call, int i, int j) {
        ObjectNode block = MAPPER.createObjectNode().put("type", "tool_use").put("id", call.id()).put("name", call.name());
        block.set("input", toolInput(call.arguments(), i, j));
        return block;
    }

    /** Anthropic wants the arguments as a JSON object, where canonical form keeps the model's JSON text. */
    private static ObjectNode toolInput(String arguments, int i, int j) {
        if (arguments == null || arguments.isBlank()) return MAPPER.createObjectNode();
        try {
            if (STRICT_JSON.readTree(arguments) instanceof ObjectNode input) return input;
        } catch (JsonProcessingException notJson) {
            // reported below, without echoing the arguments
        }
        String param = "messages[" + i + "].tool_calls[" + j + "].function.arguments";
        throw new GatewayError.BadRequest(param + " is not a JSON object; Anthropic needs tool call arguments"
                + " as a JSON object.", param);
    }

    private static ObjectNode toolResult(Message m, int i) {
        if (m.toolCallId() == null || m.toolCallId().isEmpty()) {
            throw new GatewayError.BadRequest("messages[" + i + "] is a tool message without tool_call_id.",
                    "messages[" + i + "].tool_call_id");
        }
        ObjectNode block = MAPPER.createObjectNode().put("type", "tool_result").put("tool_use_id", m.toolCallId());
        ArrayNode content = contentBlocks(m.content(), i);
        if (!content.isEmpty()) block.set("content", content);
        return block;
    }
}
