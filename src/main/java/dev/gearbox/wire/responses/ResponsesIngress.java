package dev.gearbox.wire.responses;

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
 * OpenAI Responses requests ({@code POST /v1/responses}), the subset clients use for chat: {@code
 * input} as text or a list of messages (text and image parts), {@code function_call} and
 * {@code function_call_output} items; {@code instructions}; function {@code tools} and
 * {@code tool_choice}; {@code max_output_tokens}, sampling, {@code stream}. Stored responses
 * ({@code previous_response_id}) and built-in tools are refused with a clear 400.
 */
public final class ResponsesIngress {
    private ResponsesIngress() {}

    public static ChatRequest parse(Buffer body) {
        JsonNode root = dev.gearbox.wire.JsonBodies.object(body.getBytes());
        JsonNode modelNode = root.get("model");
        if (modelNode == null || !modelNode.isTextual()) throw new GatewayError.BadRequest("model: is required.", "model");
        if (root.hasNonNull("previous_response_id")) {
            throw new GatewayError.BadRequest("previous_response_id: Gearbox does not store responses; send the conversation in input.", "previous_response_id");
        }
        List<Message> messages = new ArrayList<>();
        if (root.hasNonNull("instructions")) messages.add(Message.text(Role.SYSTEM, root.get("instructions").asText()));
        JsonNode input = root.get("input");
        if (input == null || input.isNull()) throw new GatewayError.BadRequest("input: is required.", "input");
        if (root.hasNonNull("instructions") && !root.get("instructions").isTextual()) {
            throw new GatewayError.BadRequest("instructions: must be a string.", "instructions");
        }
        if (input.isTextual()) {
            messages.add(Message.text(Role.USER, input.asText()));
        } else if (input.isArray()) {
            for (int i = 0; i < input.size(); i++) item(input.get(i), "input[" + i + "]", messages);
        } else {
            throw new GatewayError.BadRequest("input: must be a string or an array of items.", "input");
        }
        if (messages.stream().noneMatch(m -> m.role() != Role.SYSTEM)) throw new GatewayError.BadRequest("input: has no message.", "input");
        List<Tool> tools = new ArrayList<>();
        JsonNode ts = root.get("tools");
        if (ts != null && !ts.isNull() && !ts.isArray()) throw new GatewayError.BadRequest("tools: must be an array.", "tools");
        if (ts != null && ts.isArray()) {
            for (int i = 0; i < ts.size(); i++) {
                JsonNode t = ts.get(i);
                if (!t.isObject()) throw new GatewayError.BadRequest("tools[" + i + "]: must be an object.", "tools[" + i + "]");
                if (!"function".equals(t.path("type").asText())) {
                    throw new GatewayError.BadRequest("tools[" + i + "].type: only function tools are supported.", "tools[" + i + "].type");
                }
                if (!t.path("name").isTextual()) throw new GatewayError.BadRequest("tools[" + i + "].name: is required.", "tools[" + i + "].name");
                JsonNode parameters = t.get("parameters");
                if (parameters != null && !parameters.isNull()) {
                    String problem = dev.gearbox.chat.ToolSchemas.problem(parameters);
                    if (problem != null) {
                        throw new GatewayError.BadRequest("tools[" + i + "].parameters: not a JSON Schema: " + problem + ".", "tools[" + i + "].parameters");
                    }
                }
                tools.add(new Tool(t.get("name").asText(), t.path("description").asText(null), t.get("parameters"),
                        t.has("strict") ? t.get("strict").asBoolean() : null));
            }
        }
        ToolChoice choice = null;
        JsonNode tc = root.get("tool_choice");
        if (tc != null && !tc.isNull()) {
            if (tc.isTextual()) {
                choice = switch (tc.asText()) {
                    case "auto" -> ToolChoice.AUTO;
                    case "none" -> ToolChoice.NONE;
                    case "required" -> ToolChoice.REQUIRED;
                    default -> throw new GatewayError.BadRequest("tool_choice: must be auto, none, required or a function.", "tool_choice");
                };
            } else if ("function".equals(tc.path("type").asText()) && tc.path("name").isTextual()) {
                choice = ToolChoice.named(tc.get("name").asText());
            } else {
                throw new GatewayError.BadRequest("tool_choice: must be auto, none, required or {type: function, name}.", "tool_choice");
            }
        }
        Integer max = null;
        if (root.hasNonNull("max_output_tokens")) {
            JsonNode m = root.get("max_output_tokens");
            if (!m.isIntegralNumber() || !m.canConvertToInt() || m.asInt() < 1) {
                throw new GatewayError.BadRequest("max_output_tokens: must be a positive integer.", "max_output_tokens");
            }
            max = root.get("max_output_tokens").asInt();
        }
        JsonNode streamNode = root.get("stream");
        if (streamNode != null && !streamNode.isNull() && !streamNode.isBoolean()) {
            throw new GatewayError.BadRequest("stream: must be a boolean.", "stream");
        }
        boolean stream = streamNode != null && streamNode.asBoolean(false);
        Double temperature = number(root, "temperature");
        Double topP = number(root, "top_p");
        return new ChatRequest(modelNode.asText(), messages, tools, choice, null, temperature, topP, max, List.of(), null,
                root.path("user").asText(null), Map.of(), stream, stream, (ObjectNode) null);
    }

    private static Double number(JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw new GatewayError.BadRequest(field + ": must be a finite number.", field);
        return v.asDouble();
    }

    private static void item(JsonNode it, String path, List<Message> out) {
        if (!it.isObject()) throw new GatewayError.BadRequest(path + ": must be an object.", path);
        String type = it.path("type").asText(it.has("role") ? "message" : "");
        switch (type) {
            case "message" -> {
                String role = it.path("role").asText();
                Role r = switch (role) {
                    case "user" -> Role.USER;
                    case "assistant" -> Role.ASSISTANT;
                    case "system" -> Role.SYSTEM;
                    case "developer" -> Role.DEVELOPER;
                    default -> throw new GatewayError.BadRequest(path + ".role: must be user, assistant, system or developer.", path + ".role");
                };
                JsonNode c = it.get("content");
                if (c == null || c.isNull()) throw new GatewayError.BadRequest(path + ".content: is required.", path + ".content");
                if (c.isTextual()) {
                    out.add(Message.text(r, c.asText()));
                    return;
                }
                if (!c.isArray()) throw new GatewayError.BadRequest(path + ".content: must be a string or an array of parts.", path + ".content");
                List<ContentPart> parts = new ArrayList<>();
                for (int j = 0; j < c.size(); j++) {
                    JsonNode p = c.get(j);
                    if (!p.isObject()) throw new GatewayError.BadRequest(path + ".content[" + j + "]: must be an object.", path + ".content[" + j + "]");
                    switch (p.path("type").asText()) {
                        case "input_text", "output_text" -> parts.add(new ContentPart.Text(p.path("text").asText()));
                        case "input_image" -> parts.add(new ContentPart.Image(p.path("image_url").asText(), p.path("detail").asText(null)));
                        default -> throw new GatewayError.BadRequest(path + ".content[" + j + "].type: unsupported part '" + p.path("type").asText() + "'.",
                                path + ".content[" + j + "].type");
                    }
                }
                out.add(new Message(r, parts, null, null, null));
            }
            case "function_call" -> out.add(new Message(Role.ASSISTANT, List.of(), null,
                    List.of(new ToolCall(it.path("call_id").asText(), it.path("name").asText(), it.path("arguments").asText("{}"))), null));
            case "function_call_output" -> out.add(new Message(Role.TOOL, List.of(new ContentPart.Text(it.path("output").asText())), null, null,
                    it.path("call_id").asText()));
            default -> throw new GatewayError.BadRequest(path + ".type: unsupported item '" + type + "'.", path + ".type");
        }
    }
}
