package dev.gearbox.wire.openai;

import static dev.gearbox.wire.openai.Params.absent;
import static dev.gearbox.wire.openai.Params.invalidType;
import static dev.gearbox.wire.openai.Params.invalidValue;
import static dev.gearbox.wire.openai.Params.missing;
import static dev.gearbox.wire.openai.Params.optionalBoolean;
import static dev.gearbox.wire.openai.Params.optionalObject;
import static dev.gearbox.wire.openai.Params.optionalString;
import static dev.gearbox.wire.openai.Params.requiredObject;
import static dev.gearbox.wire.openai.Params.requiredString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ChatRequest;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ResponseFormat;
import dev.gearbox.chat.Role;
import dev.gearbox.chat.Tool;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.chat.ToolChoice;
import dev.gearbox.error.GatewayError.BadRequest;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Client JSON to canonical {@link ChatRequest}; every failure is a {@link BadRequest} naming the field. */
final class RequestParser {
    /** Trailing garbage after the object is an error, as it is for OpenAI. */
    private static final String ROLES = "'system', 'developer', 'user', 'assistant', 'tool' and 'function'";

    private RequestParser() {}

    /** Parses the body as one JSON object, reporting syntax errors with line and column. */
    static JsonNode readJson(Buffer body) {
        return dev.gearbox.wire.JsonBodies.object(body.getBytes());
    }

    static ChatRequest parse(Buffer body) {
        ObjectNode root = (ObjectNode) readJson(body);
        String model = null;
        List<Message> messages = null;
        List<Tool> tools = null;
        ToolChoice toolChoice = null;
        ResponseFormat responseFormat = null;
        Double temperature = null;
        Double topP = null;
        Integer maxTokens = null;
        Integer maxCompletionTokens = null;
        List<String> stop = null;
        Long seed = null;
        String user = null;
        Map<String, String> metadata = null;
        boolean stream = false;
        boolean includeUsage = false;
        ObjectNode extra = null;

        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode v = field.getValue();
            String name = field.getKey();
            switch (name) {
                case "model" -> model = absent(v) ? null : textOf(v, "model");
                case "messages" -> messages = absent(v) ? null : messages(v);
                case "tools" -> tools = absent(v) ? null : tools(v);
                case "tool_choice" -> toolChoice = absent(v) ? null : toolChoice(v);
                case "response_format" -> responseFormat = absent(v) ? null : responseFormat(v);
                case "temperature" -> temperature = number(v, "temperature");
                case "top_p" -> topP = number(v, "top_p");
                case "max_tokens" -> maxTokens = positiveInt(v, "max_tokens");
                case "max_completion_tokens" -> maxCompletionTokens = positiveInt(v, "max_completion_tokens");
                case "stop" -> stop = absent(v) ? null : stop(v);
                case "seed" -> seed = seed(v);
                case "user" -> user = absent(v) ? null : textOf(v, "user");
                case "metadata" -> metadata = absent(v) ? null : metadata(v);
                case "stream" -> {
                    if (!absent(v) && !v.isBoolean()) throw invalidType("stream", "a boolean", v);
                    stream = v.asBoolean(false);
                }
                case "stream_options" -> {
                    if (!absent(v)) {
                        if (!v.isObject()) throw invalidType("stream_options", "an object", v);
                        includeUsage = Boolean.TRUE.equals(optionalBoolean(v, "include_usage", "stream_options"));
                    }
                }
                default -> {
                    if (extra == null) extra = Json.MAPPER.createObjectNode();
                    extra.set(name, v);
                }
            }
        }
        if (model == null) throw missing("model");
        if (model.isEmpty()) throw invalidValue("model", "the model name must not be empty.");
        if (messages == null) throw missing("messages");
        if (messages.isEmpty()) {
            throw new BadRequest("Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
                    "messages", "empty_array");
        }
        Integer cap = maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
        return new ChatRequest(model, messages, tools, toolChoice, responseFormat, temperature, topP, cap, stop, seed,
                user, metadata, stream, stream && includeUsage, extra);
    }

    private static String textOf(JsonNode v, String param) {
        if (!v.isTextual()) throw invalidType(param, "a string", v);
        return v.textValue();
    }

    private static Double number(JsonNode v, String param) {
        if (absent(v)) return null;
        if (!v.isNumber()) throw invalidType(param, "a number", v);
        double d = v.doubleValue();
        if (!Double.isFinite(d)) throw invalidValue(param, "expected a finite number, but got " + v.asText() + " instead.");
        return d;
    }

    private static Integer positiveInt(JsonNode v, String param) {
        if (absent(v)) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) throw invalidType(param, "an integer", v);
        int n = v.intValue();
        if (n < 1) throw invalidValue(param, "expected a value of at least 1, but got " + n + " instead.");
        return n;
    }

    private static Long seed(JsonNode v) {
        if (absent(v)) return null;
        if (!v.isIntegralNumber() || !v.canConvertToLong()) throw invalidType("seed", "an integer", v);
        return v.longValue();
    }

    private static List<String> stop(JsonNode v) {
        if (v.isTextual()) return List.of(v.textValue());
        if (!v.isArray()) throw invalidType("stop", "a string or an array of strings", v);
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode s = v.get(i);
            if (!s.isTextual()) throw invalidType("stop[" + i + "]", "a string", s);
            out.add(s.textValue());
        }
        return out;
    }

    private static Map<String, String> metadata(JsonNode v) {
        if (!v.isObject()) throw invalidType("metadata", "an object", v);
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            if (!e.getValue().isTextual()) throw invalidType("metadata." + e.getKey(), "a string", e.getValue());
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static List<Message> messages(JsonNode v) {
        if (!v.isArray()) throw invalidType("messages", "an array", v);
        List<Message> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(message(v.get(i), "messages[" + i + "]"));
        return out;
    }

    private static Message message(JsonNode m, String at) {
        if (!m.isObject()) throw invalidType(at, "an object", m);
        String wireRole = requiredString(m, "role", at);
        Role role = Role.fromWire(wireRole);
        if (role == null) {
            throw invalidValue(at + ".role", "'" + wireRole + "'. Supported values are: " + ROLES + ".");
        }
        boolean legacyFunction = "function".equals(wireRole);
        List<ContentPart> content = content(m.get("content"), role, at);
        String name = optionalString(m, "name", at);
        List<ToolCall> toolCalls = null;
        String toolCallId = null;
        if (role == Role.ASSISTANT) {
            toolCalls = toolCalls(m, at);
        } else if (role == Role.TOOL) {
            if (legacyFunction) {
                if (name == null) throw missing(at + ".name");
            } else {
                toolCallId = requiredString(m, "tool_call_id", at);
            }
        }
        return new Message(role, content, name, toolCalls, toolCallId);
    }

    private static List<ContentPart> content(JsonNode c, Role role, String at) {
        if (absent(c)) {
            // An assistant turn may be only tool calls (or a refusal); every other role must say something.
            if (role == Role.ASSISTANT) return List.of();
            throw missing(at + ".content");
        }
        if (c.isTextual()) return List.of(new ContentPart.Text(c.textValue()));
        if (!c.isArray()) throw invalidType(at + ".content", "a string or an array of content parts", c);
        List<ContentPart> parts = new ArrayList<>(c.size());
        for (int j = 0; j < c.size(); j++) parts.add(part(c.get(j), at + ".content[" + j + "]"));
        return parts;
    }

    private static ContentPart part(JsonNode p, String at) {
        if (!p.isObject()) throw invalidType(at, "an object", p);
        String type = requiredString(p, "type", at);
        switch (type) {
            case "text" -> {
                return new ContentPart.Text(requiredString(p, "text", at));
            }
            case "refusal" -> {
                // A replayed assistant refusal: keep its words as text rather than reject the history.
                return new ContentPart.Text(requiredString(p, "refusal", at));
            }
            case "image_url" -> {
                JsonNode img = p.get("image_url");
                if (absent(img)) throw missing(at + ".image_url");
                if (img.isTextual()) return new ContentPart.Image(img.textValue(), null);
                if (!img.isObject()) throw invalidType(at + ".image_url", "an object", img);
                String url = requiredString(img, "url", at + ".image_url");
                return new ContentPart.Image(url, optionalString(img, "detail", at + ".image_url"));
            }
            default -> throw new BadRequest("Unsupported content part type '" + type + "' at " + at
                    + ". Supported types are 'text' and 'image_url'.", at + ".type", Params.INVALID_VALUE);
        }
    }

    private static List<ToolCall> toolCalls(JsonNode m, String at) {
        List<ToolCall> out = new ArrayList<>(2);
        JsonNode calls = m.get("tool_calls");
        if (!absent(calls)) {
            if (!calls.isArray()) throw invalidType(at + ".tool_calls", "an array", calls);
            for (int j = 0; j < calls.size(); j++) {
                String callAt = at + ".tool_calls[" + j + "]";
                JsonNode call = calls.get(j);
                if (!call.isObject()) throw invalidType(callAt, "an object", call);
                String type = optionalString(call, "type", callAt);
                if (type != null && !type.equals("function")) {
                    throw invalidValue(callAt + ".type", "'" + type + "'. Supported values are: 'function'.");
                }
                String id = requiredString(call, "id", callAt);
                JsonNode fn = requiredObject(call, "function", callAt);
                out.add(new ToolCall(id, requiredString(fn, "name", callAt + ".function"),
                        requiredString(fn, "arguments", callAt + ".function")));
            }
        }
        JsonNode legacy = optionalObject(m, "function_call", at);
        if (legacy != null) {
            // The deprecated single function call has no id; the writer re-emits it as function_call.
            out.add(new ToolCall(null, requiredString(legacy, "name", at + ".function_call"),
                    requiredString(legacy, "arguments", at + ".function_call")));
        }
        return out;
    }

    private static List<Tool> tools(JsonNode v) {
        if (!v.isArray()) throw invalidType("tools", "an array", v);
        List<Tool> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String at = "tools[" + i + "]";
            JsonNode t = v.get(i);
            if (!t.isObject()) throw invalidType(at, "an object", t);
            String type = optionalString(t, "type", at);
            if (type != null && !type.equals("function")) {
                throw new BadRequest("Unsupported tool type '" + type + "' at " + at + ". Supported types are: 'function'.",
                        at + ".type", Params.INVALID_VALUE);
            }
            JsonNode fn = requiredObject(t, "function", at);
            String fnAt = at + ".function";
            String name = requiredString(fn, "name", fnAt);
            if (name.isEmpty()) throw invalidValue(fnAt + ".name", "the function name must not be empty.");
            JsonNode parameters = optionalObject(fn, "parameters", fnAt);
            String problem = parameters == null ? null : dev.gearbox.chat.ToolSchemas.problem(parameters);
            if (problem != null) throw invalidValue(fnAt + ".parameters", "not a JSON Schema: " + problem + ".");
            out.add(new Tool(name, optionalString(fn, "description", fnAt), parameters, optionalBoolean(fn, "strict", fnAt)));
        }
        return out;
    }

    private static ToolChoice toolChoice(JsonNode v) {
        if (v.isTextual()) {
            return switch (v.textValue()) {
                case "auto" -> ToolChoice.AUTO;
                case "none" -> ToolChoice.NONE;
                case "required" -> ToolChoice.REQUIRED;
                default -> throw invalidValue("tool_choice",
                        "'" + v.textValue() + "'. Supported values are: 'none', 'auto' and 'required'.");
            };
        }
        if (!v.isObject()) throw invalidType("tool_choice", "a string or an object", v);
        String type = requiredString(v, "type", "tool_choice");
        if (!type.equals("function")) {
            throw invalidValue("tool_choice.type", "'" + type + "'. Supported values are: 'function'.");
        }
        JsonNode fn = requiredObject(v, "function", "tool_choice");
        return ToolChoice.named(requiredString(fn, "name", "tool_choice.function"));
    }

    private static ResponseFormat responseFormat(JsonNode v) {
        if (!v.isObject()) throw invalidType("response_format", "an object", v);
        String type = requiredString(v, "type", "response_format");
        return switch (type) {
            case "text" -> ResponseFormat.TEXT;
            case "json_object" -> ResponseFormat.JSON_OBJECT;
            case "json_schema" -> {
                JsonNode js = requiredObject(v, "json_schema", "response_format");
                String at = "response_format.json_schema";
                yield new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, requiredString(js, "name", at),
                        optionalObject(js, "schema", at), optionalBoolean(js, "strict", at));
            }
            default -> throw invalidValue("response_format.type",
                    "'" + type + "'. Supported values are: 'text', 'json_object' and 'json_schema'.");
        };
    }
}
