package dev.gearbox.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a tool's parameter schema is a JSON Schema in structure: the keywords providers read
 * ({@code type}, {@code properties}, {@code items}, {@code required}, {@code enum}, the
 * combinators, {@code $defs}) have the shapes the specification gives them. A schema that is not
 * one is refused at ingress with a 400 naming where it breaks, instead of failing at the provider
 * or, worse, being sent on as something the model cannot use. Unknown keywords are allowed, as the
 * specification allows them.
 */
public final class ToolSchemas {
    private static final Set<String> TYPES = Set.of("string", "number", "integer", "boolean", "object", "array", "null");
    private static final Set<String> SCHEMA_LISTS = Set.of("anyOf", "oneOf", "allOf", "prefixItems");
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions");
    private static final Set<String> SCHEMAS = Set.of("additionalProperties", "not", "if", "then", "else", "contains",
            "propertyNames", "additionalItems", "unevaluatedProperties", "unevaluatedItems");

    private ToolSchemas() {}

    /** Null when {@code schema} is a JSON Schema object; otherwise what is wrong, with its path inside the schema. */
    public static String problem(JsonNode schema) {
        if (schema == null || !schema.isObject()) return "must be a JSON Schema object";
        return objectProblem(schema, "");
    }

    private static String schemaProblem(JsonNode n, String at) {
        if (n.isBoolean()) return null; // true / false are schemas
        if (!n.isObject()) return at + " must be a schema (an object or a boolean)";
        return objectProblem(n, at);
    }

    private static String objectProblem(JsonNode schema, String at) {
        for (Map.Entry<String, JsonNode> e : schema.properties()) {
            String key = e.getKey();
            JsonNode v = e.getValue();
            String here = at.isEmpty() ? key : at + "." + key;
            String p = switch (key) {
                case "type" -> typeProblem(v, here);
                case "required" -> stringsProblem(v, here);
                case "enum" -> v.isArray() ? null : here + " must be an array";
                case "items" -> v.isArray() ? listProblem(v, here, false) : schemaProblem(v, here);
                case "description", "title", "$ref", "pattern", "format" -> v.isTextual() ? null : here + " must be a string";
                default -> {
                    if (SCHEMA_LISTS.contains(key)) yield listProblem(v, here, true);
                    if (SCHEMA_MAPS.contains(key)) yield mapProblem(v, here);
                    if (SCHEMAS.contains(key)) yield schemaProblem(v, here);
                    yield null;
                }
            };
            if (p != null) return p;
        }
        return null;
    }

    private static String typeProblem(JsonNode v, String at) {
        if (v.isTextual()) return TYPES.contains(v.textValue()) ? null : at + " '" + v.textValue() + "' is not a JSON Schema type";
        if (!v.isArray() || v.isEmpty()) return at + " must be a type name or a non-empty array of them";
        for (JsonNode t : v) {
            if (!t.isTextual() || !TYPES.contains(t.textValue())) return at + " lists something that is not a JSON Schema type";
        }
        return null;
    }

    private static String stringsProblem(JsonNode v, String at) {
        if (!v.isArray()) return at + " must be an array of property names";
        for (JsonNode s : v) if (!s.isTextual()) return at + " must be an array of property names";
        return null;
    }

    private static String listProblem(JsonNode v, String at, boolean nonEmpty) {
        if (!v.isArray() || (nonEmpty && v.isEmpty())) return at + " must be a non-empty array of schemas";
        for (int i = 0; i < v.size(); i++) {
            String p = schemaProblem(v.get(i), at + "[" + i + "]");
            if (p != null) return p;
        }
        return null;
    }

    private static String mapProblem(JsonNode v, String at) {
        if (!v.isObject()) return at + " must be an object of schemas";
        for (Map.Entry<String, JsonNode> e : v.properties()) {
            String p = schemaProblem(e.getValue(), at + "." + e.getKey());
            if (p != null) return p;
        }
        return null;
    }
}
