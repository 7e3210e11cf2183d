package dev.gearbox.observe;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Whether a JSON value satisfies the structural core of a JSON Schema, as structured-output answers
 * are checked in shadow tests: {@code type} (one or a list), {@code properties}, {@code required},
 * {@code additionalProperties: false}, {@code items}, {@code enum}, {@code const}, {@code anyOf}.
 * Keywords outside that core are ignored (they never make an answer fail).
 */
public final class SchemaCheck {
    private SchemaCheck() {}

    public static boolean valid(JsonNode schema, JsonNode v) {
        if (schema == null || !schema.isObject()) return true;
        if (schema.has("const") && !schema.get("const").equals(v)) return false;
        if (schema.has("enum")) {
            boolean any = false;
            for (JsonNode e : schema.get("enum")) any |= e.equals(v);
            if (!any) return false;
        }
        if (schema.has("anyOf")) {
            boolean any = false;
            for (JsonNode alt : schema.get("anyOf")) any |= valid(alt, v);
            if (!any) return false;
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            boolean ok = false;
            if (type.isArray()) for (JsonNode t : type) ok |= is(t.asText(), v);
            else ok = is(type.asText(), v);
            if (!ok) return false;
        }
        if (v.isObject()) {
            JsonNode props = schema.get("properties");
            if (schema.has("required")) for (JsonNode r : schema.get("required")) if (!v.has(r.asText())) return false;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode sub = props == null ? null : props.get(f.getKey());
                if (sub != null) {
                    if (!valid(sub, f.getValue())) return false;
                } else if (schema.has("additionalProperties") && schema.get("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    return false;
                }
            }
        }
        if (v.isArray() && schema.has("items")) for (JsonNode item : v) if (!valid(schema.get("items"), item)) return false;
        return true;
    }

    private static boolean is(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "null" -> v.isNull();
            default -> true;
        };
    }
}
