package dev.gearbox.wire;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gearbox.chat.Json;
import dev.gearbox.error.GatewayError.BadRequest;
import java.io.IOException;

/**
 * A request body read as one JSON object under the parser limits of {@link Json}, the same way for
 * every endpoint: empty, malformed or over-limit input (too deep, too long a number or string,
 * invalid UTF-8, data after the object) is a 400 {@code invalid_json} saying where; a body that
 * is JSON but not an object is a 400 {@code invalid_type}.
 */
public final class JsonBodies {
    private JsonBodies() {}

    public static ObjectNode object(byte[] body) {
        JsonNode root;
        try {
            root = Json.STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadRequest("Malformed JSON" + where + ": " + withoutSource(e.getOriginalMessage()), null, "invalid_json");
        } catch (IOException e) {
            throw new BadRequest("Malformed JSON: " + e.getMessage(), null, "invalid_json");
        }
        if (root == null || root.isMissingNode()) throw new BadRequest("The request body is empty; expected a JSON object.", null, "invalid_json");
        if (!root.isObject()) {
            throw new BadRequest("The request body must be a JSON object, but it is " + kind(root) + ".", null, "invalid_type");
        }
        return (ObjectNode) root;
    }

    /** Drops Jackson's "(for Array starting at [Source: ...])" tail: the line and column already say where. */
    private static String withoutSource(String message) {
        if (message == null) return "unreadable input";
        int source = message.indexOf("[Source:");
        if (source < 0) return message;
        int open = message.lastIndexOf(" (", source);
        return message.substring(0, open >= 0 ? open : source).trim();
    }

    private static String kind(JsonNode n) {
        if (n.isTextual()) return "a string";
        if (n.isBoolean()) return "a boolean";
        if (n.isNumber()) return "a number";
        if (n.isArray()) return "an array";
        return "null";
    }
}
