package dev.gearbox.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.error.GatewayError;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anthropic Messages requests ({@code POST /v1/messages}) as canonical requests: {@code system}
 * (text or blocks), user and assistant turns with text, image, {@code tool_use} and
 * {@code tool_result} blocks ({@code cache_control} kept on text), tools and {@code tool_choice},
 * {@code stop_sequences}, sampling, {@code metadata.user_id}, {@code stream}. Anything malformed
 * is a 400 naming the field, as Anthropic would.
 */
public final class AnthropicIngress {
    private AnthropicIngress() {}

    public static ChatRequest parse(Buffer body) {
        JsonNode root = dev.gearbox.wire.JsonBodies.object(body.getBytes());
        String model = text(root, "model", true);
        JsonNode max = root.get("max_tokens");
        if (max == null || !max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 1) {
            throw new GatewayError.BadRequest("max_tokens: a positive integer is required.", "max_tokens");
        }
        List<Message> messages = new ArrayList<>();
        JsonNode system = root.get("system");
        if (system != null && !system.isNull()) messages.add(new Message(Role.SYSTEM, textParts(system, "system"), null, null, null));
        JsonNode ms = root.get("messages");
        if (ms == null || !ms.isArray() || ms.isEmpty()) throw new GatewayError.BadRequest("messages: a non-empty array is required.", "messages");
        for (int i = 0; i < ms.size(); i++) turn(ms.get(i), "messages." + i, messages);
        List<Tool> tools = new ArrayList<>();
        JsonNode ts = root.get("tools");
        if (ts != null && !ts.isNull()) {
            if (!ts.isArray()) throw new GatewayError.BadRequest("tools: must be an array.", "tools");
            for (int i = 0; i < ts.size(); i++) {
                JsonNode t = ts.get(i);
                if (!t.isObject()) throw new GatewayError.BadRequest("tools." + i + ": must be an object.", "tools." + i);
                String name = text(t, "name", true, "tools." + i + ".name");
                JsonNode schema = t.get("input_schema");
                if (schema == null || !schema.isObject()) {
                    throw new GatewayError.BadRequest("tools." + i + ".input_schema: a JSON Schema object is required.", "tools." + i + ".input_schema");
                }
                String problem = dev.gearbox.chat.ToolSchemas.problem(schema);
                if (problem != null) {
                    throw new GatewayError.BadRequest("tools." + i + ".input_schema: not a JSON Schema: " + problem + ".", "tools." + i + ".input_schema");
                }
                tools.add(new Tool(name, t.path("description").asText(null), schema, null));
            }
        }
        ToolChoice choice = toolChoice(root.get("tool_choice"));
        List<String> stop = new ArrayList<>();
        JsonNode ss = root.get("stop_sequences");
        if (ss != null && !ss.isNull()) {
            if (!ss.isArray()) throw new GatewayError.BadRequest("stop_sequences: must be an array of strings.", "stop_sequences");
            for (JsonNode x : ss) {
                if (!x.isTextual()) throw new GatewayError.BadRequest("stop_sequences: must be an array of strings.", "stop_sequences");
                stop.add(x.asText());
            }
        }
        String user = root.path("metadata").path("user_id").asText(null);
        JsonNode streamNode = root.get("stream");
        if (streamNode != null && !streamNode.isNull() && !streamNode.isBoolean()) {
            throw new GatewayError.BadRequest("stream: must be a boolean.", "stream");
        }
        boolean stream = streamNode != null && streamNode.asBoolean(false);
        return new ChatRequest(model, messages, tools, choice, null, number(root, "temperature"), number(root, "top_p"), max.asInt(),
                stop, null, user, Map.of(), stream, stream, (ObjectNode) null);
    }

    private static void turn(JsonNode m, String path, List<Message> out) {
        if (m == null || !m.isObject()) throw new GatewayError.BadRequest(path + ": must be an object with role and content.", path);
        String role = text(m, "role", true, path + ".role");
        if (!role.equals("user") && !role.equals("assistant")) {
            throw new GatewayError.BadRequest(path + ".role: must be user or assistant, got '" + role + "'.", path + ".role");
        }
        JsonNode content = m.get("content");
        if (content == null || content.isNull()) throw new GatewayError.BadRequest(path + ".content: is required.", path + ".content");
        if (content.isTextual()) {
            out.add(Message.text(role.equals("user") ? Role.USER : Role.ASSISTANT, content.asText()));
            return;
        }
        if (!content.isArray()) throw new GatewayError.BadRequest(path + ".content: must be a string or an array of blocks.", path + ".content");
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            JsonNode b = content.get(i);
            String bp = path + ".content." + i;
            if (!b.isObject()) throw new GatewayError.BadRequest(bp + ": must be a content block object.", bp);
            switch (b.path("type").asText()) {
                case "text" -> parts.add(new ContentPart.Text(text(b, "text", true, bp + ".text"), b.has("cache_control")));
                case "image" -> parts.add(image(b.path("source"), bp + ".source"));
                case "tool_use" -> {
                    if (!role.equals("assistant")) throw new GatewayError.BadRequest(bp + ": tool_use blocks belong to assistant turns.", bp);
                    calls.add(new ToolCall(text(b, "id", true, bp + ".id"), text(b, "name", true, bp + ".name"),
                            AnthropicResponses.inputJson(b.get("input"))));
                }
                case "tool_result" -> {
                    if (!role.equals("user")) throw new GatewayError.BadRequest(bp + ": tool_result blocks belong to user turns.", bp);
                    JsonNode c = b.get("content");
                    String result = c == null || c.isNull() ? "" : c.isTextual() ? c.asText() : joinText(textParts(c, bp + ".content"));
                    if (b.path("is_error").asBoolean(false)) result = "Error: " + result;
                    out.add(new Message(Role.TOOL, List.of(new ContentPart.Text(result)), null, null, text(b, "tool_use_id", true, bp + ".tool_use_id")));
                }
                default -> throw new GatewayError.BadRequest(bp + ".type: unsupported block type '" + b.path("type").asText() + "'.", bp + ".type");
            }
        }
        if (!parts.isEmpty() || !calls.isEmpty()) {
            out.add(new Message(role.equals("user") ? Role.USER : Role.ASSISTANT, parts, null, calls, null));
        }
    }

    private static ContentPart image(JsonNode src, String path) {
        String type = src.path("type").asText();
        if (type.equals("base64")) {
            return new ContentPart.Image("data:" + text(src, "media_type", true, path + ".media_type") + ";base64,"
                    + text(src, "data", true, path + ".data"), null);
        }
        if (type.equals("url")) return new ContentPart.Image(text(src, "url", true, path + ".url"), null);
        throw new GatewayError.BadRequest(path + ".type: must be base64 or url.", path + ".type");
    }

    private static List<ContentPart> textParts(JsonNode n, String path) {
        if (n.isTextual()) return List.of(new ContentPart.Text(n.asText()));
        if (!n.isArray()) throw new GatewayError.BadRequest(path + ": must be a string or an array of text blocks.", path);
        List<ContentPart> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode b = n.get(i);
            if (!b.isObject() || !"text".equals(b.path("type").asText())) {
                throw new GatewayError.BadRequest(path + "." + i + ".type: only text blocks are allowed here.", path + "." + i + ".type");
            }
            out.add(new ContentPart.Text(text(b, "text", true, path + "." + i + ".text"), b.has("cache_control")));
        }
        return out;
    }

    private static String joinText(List<ContentPart> parts) {
        StringBuilder sb = new StringBuilder();
        for (ContentPart p : parts) if (p instanceof ContentPart.Text t) sb.append(t.text());
        return sb.toString();
    }

    private static ToolChoice toolChoice(JsonNode n) {
        if (n == null || n.isNull()) return null;
        return switch (n.path("type").asText()) {
            case "auto" -> ToolChoice.AUTO;
            case "any" -> ToolChoice.REQUIRED;
            case "none" -> ToolChoice.NONE;
            case "tool" -> ToolChoice.named(text(n, "name", true, "tool_choice.name"));
            default -> throw new GatewayError.BadRequest("tool_choice.type: must be auto, any, tool or none.", "tool_choice.type");
        };
    }

    private static String text(JsonNode n, String field, boolean required) {
        return text(n, field, required, field);
    }

    private static String text(JsonNode n, String field, boolean required, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new GatewayError.BadRequest(path + ": is required.", path);
            return null;
        }
        if (!v.isTextual()) throw new GatewayError.BadRequest(path + ": must be a string.", path);
        return v.asText();
    }

    private static Double number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new GatewayError.BadRequest(field + ": must be a finite number.", field);
        return v.asDouble();
    }
}
