package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.ContentPart;
import dev.gearbox.chat.Json;
import dev.gearbox.chat.Message;
import dev.gearbox.chat.ToolCall;
import dev.gearbox.error.GatewayError;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A conversation as Gemini wants it: system and developer text set apart as
 * {@code systemInstruction}, the rest as {@code contents} turns of role {@code user} or
 * {@code model}. Gemini has no tool role, so tool results travel as {@code functionResponse} parts
 * of a user turn, named after the call they answer; consecutive turns of one role are merged
 * because Gemini expects the roles to alternate.
 */
public record GeminiContents(ObjectNode systemInstruction, ArrayNode contents) {

    /**
     * Gemini 3 models refuse a replayed {@code functionCall} part without the thought signature
     * they issued. Canonical tool calls carry none, so replayed calls get the placeholder Google
     * documents for histories that did not come from the model verbatim.
     */
    public static final String REPLAYED_CALL_SIGNATURE = "skip_thought_signature_validator";
    /** Media type sent for an image URL whose extension names none. */
    public static final String DEFAULT_IMAGE_TYPE = "image/jpeg";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Strict: "42 degrees" is text, not the number 42 followed by noise. */
    private static final ObjectReader STRICT = Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Maps canonical messages; throws {@code GatewayError.BadRequest} naming the message at fault. */
    public static GeminiContents from(List<Message> messages) {
        ArrayNode system = NODES.arrayNode();
        ArrayNode contents = NODES.arrayNode();
        Map<String, String> callNames = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            switch (m.role()) {
                case SYSTEM, DEVELOPER -> {
                    for (ContentPart p : m.content()) {
                        if (p instanceof ContentPart.Text t && !t.text().isEmpty()) system.addObject().put("text", t.text());
                    }
                }
                case USER -> append(contents, "user", userParts(m));
                case ASSISTANT -> append(contents, "model", modelParts(m, i, callNames));
                case TOOL -> append(contents, "user", toolResult(m, i, callNames));
            }
        }
        ObjectNode instruction = null;
        if (!system.isEmpty()) {
            instruction = NODES.objectNode();
            instruction.set("parts", system);
        }
        return new GeminiContents(instruction, contents);
    }

    /** Adds a turn, or extends the previous one when it has the same role. Empty turns are skipped. */
    private static void append(ArrayNode contents, String role, ArrayNode parts) {
        if (parts.isEmpty()) return;
        JsonNode last = contents.isEmpty() ? null : contents.get(contents.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("parts")).addAll(parts);
            return;
        }
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        turn.set("parts", parts);
    }

    private static ArrayNode userParts(Message m) {
        ArrayNode parts = NODES.arrayNode();
        for (ContentPart p : m.content()) {
            switch (p) {
                case ContentPart.Text t -> {
                    if (!t.text().isEmpty()) parts.addObject().put("text", t.text());
                }
                case ContentPart.Image img -> parts.add(imagePart(img));
            }
        }
        return parts;
    }

    /** A data URL becomes inline bytes; any other URL a file reference Gemini fetches itself. */
    static ObjectNode imagePart(ContentPart.Image img) {
        ObjectNode part = NODES.objectNode();
        String base64 = img.dataBase64();
        if (base64 != null) {
            String type = img.dataMediaType();
            part.putObject("inlineData")
                    .put("mimeType", type == null || type.isEmpty() ? DEFAULT_IMAGE_TYPE : type)
                    .put("data", base64);
        } else {
            part.putObject("fileData")
                    .put("mimeType", mediaTypeOf(img.url()))
                    .put("fileUri", img.url());
        }
        return part;
    }

    static String mediaTypeOf(String url) {
        String path = url;
        int cut = path.indexOf('?');
        if (cut >= 0) path = path.substring(0, cut);
        cut = path.indexOf('#');
        if (cut >= 0) path = path.substring(0, cut);
        path = path.toLowerCase(Locale.ROOT);
        if (path.endsWith(".png")) return "image/png";
        if (path.endsWith(".webp")) return "image/webp";
        if (path.endsWith(".gif")) return "image/gif";
        if (path.endsWith(".heic")) return "image/heic";
        if (path.endsWith(".heif")) return "image/heif";
        return DEFAULT_IMAGE_TYPE;
    }

    private static ArrayNode modelParts(Message m, int index, Map<String, String> callNames) {
        ArrayNode parts = NODES.arrayNode();
        String text = m.text();
        if (!text.isEmpty()) parts.addObject().put("text", text);
        List<ToolCall> calls = m.toolCalls();
        for (int j = 0; j < calls.size(); j++) {
            ToolCall call = calls.get(j);
            ObjectNode part = parts.addObject();
            ObjectNode fc = part.putObject("functionCall");
            fc.put("name", call.name());
            fc.set("args", arguments(call, index, j));
            // Only the first call of a turn carries a signature, as in Gemini's own answers.
            if (j == 0) part.put("thoughtSignature", REPLAYED_CALL_SIGNATURE);
            if (call.id() != null) callNames.put(call.id(), call.name());
        }
        return parts;
    }

    private static ObjectNode arguments(ToolCall call, int index, int callIndex) {
        String param = "messages[" + index + "].tool_calls[" + callIndex + "].function.arguments";
        String raw = call.arguments();
        if (raw == null || raw.isBlank()) return NODES.objectNode();
        try {
            JsonNode parsed = STRICT.readTree(raw);
            if (parsed instanceof ObjectNode o) return o;
        } catch (JsonProcessingException invalid) {
            // reported below
        }
        throw new GatewayError.BadRequest("messages[" + index + "]: the arguments of tool call '" + call.id()
                + "' are not a JSON object, which Gemini requires.", param);
    }

    private static ArrayNode toolResult(Message m, int index, Map<String, String> callNames) {
        String name = m.toolCallId() == null ? null : callNames.get(m.toolCallId());
        if (name == null) name = m.name();
        if (name == null) {
            throw new GatewayError.BadRequest("messages[" + index + "]: tool result for '" + m.toolCallId()
                    + "' answers no tool call of an earlier assistant message; Gemini needs the function name.",
                    "messages[" + index + "].tool_call_id");
        }
        ArrayNode parts = NODES.arrayNode();
        ObjectNode fr = parts.addObject().putObject("functionResponse");
        fr.put("name", name);
        fr.set("response", response(m.text()));
        return parts;
    }

    /** Gemini's response is a JSON object: an object result goes as is, anything else under "result". */
    static ObjectNode response(String text) {
        JsonNode value;
        try {
            value = text.isBlank() ? NODES.textNode(text) : STRICT.readTree(text);
        } catch (JsonProcessingException notJson) {
            value = NODES.textNode(text);
        }
        if (value instanceof ObjectNode o) return o;
        ObjectNode wrapped = NODES.objectNode();
        wrapped.set("result", value == null ? NODES.textNode(text) : value);
        return wrapped;
    }
}
