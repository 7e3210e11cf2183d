package dev.gearbox.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.error.GatewayError.BadRequest;

/**
 * Typed reads of request fields that fail with a {@link BadRequest} naming the field's full path
 * ({@code messages[2].content}), in the words and codes OpenAI itself uses, so SDK users see
 * familiar errors. Paths are built only when a check fails.
 */
final class Params {
    static final String MISSING = "missing_required_parameter";
    static final String INVALID_TYPE = "invalid_type";
    static final String INVALID_VALUE = "invalid_value";

    private Params() {}

    static BadRequest missing(String param) {
        return new BadRequest("Missing required parameter: '" + param + "'.", param, MISSING);
    }

    static BadRequest invalidType(String param, String expected, JsonNode got) {
        return new BadRequest("Invalid type for '" + param + "': expected " + expected + ", but got "
                + kind(got) + " instead.", param, INVALID_TYPE);
    }

    static BadRequest invalidValue(String param, String detail) {
        return new BadRequest("Invalid value for '" + param + "': " + detail, param, INVALID_VALUE);
    }

    /** True when the field is absent or JSON null: OpenAI treats both as "not given". */
    static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }

    static String path(String prefix, String field) {
        return prefix == null ? field : prefix + '.' + field;
    }

    static String requiredString(JsonNode parent, String field, String prefix) {
        JsonNode n = parent.get(field);
        if (absent(n)) throw missing(path(prefix, field));
        if (!n.isTextual()) throw invalidType(path(prefix, field), "a string", n);
        return n.textValue();
    }

    static String optionalString(JsonNode parent, String field, String prefix) {
        JsonNode n = parent.get(field);
        if (absent(n)) return null;
        if (!n.isTextual()) throw invalidType(path(prefix, field), "a string", n);
        return n.textValue();
    }

    static Boolean optionalBoolean(JsonNode parent, String field, String prefix) {
        JsonNode n = parent.get(field);
        if (absent(n)) return null;
        if (!n.isBoolean()) throw invalidType(path(prefix, field), "a boolean", n);
        return n.booleanValue();
    }

    /** The field as an object node, or null when absent. */
    static JsonNode optionalObject(JsonNode parent, String field, String prefix) {
        JsonNode n = parent.get(field);
        if (absent(n)) return null;
        if (!n.isObject()) throw invalidType(path(prefix, field), "an object", n);
        return n;
    }

    static JsonNode requiredObject(JsonNode parent, String field, String prefix) {
        JsonNode n = optionalObject(parent, field, prefix);
        if (n == null) throw missing(path(prefix, field));
        return n;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "null";
        if (n.isTextual()) return "a string";
        if (n.isBoolean()) return "a boolean";
        if (n.isIntegralNumber()) return "an integer";
        if (n.isNumber()) return "a decimal";
        if (n.isArray()) return "an array";
        return "an object";
    }
}
