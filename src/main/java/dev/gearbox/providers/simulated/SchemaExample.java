package dev.gearbox.providers.simulated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A value that satisfies the common parts of a JSON Schema (types, required properties, enums,
 * consts, local $refs, bounds), used as simulated tool-call arguments and structured outputs.
 * Unsupported keywords are ignored; the result is always valid JSON.
 */
final class SchemaExample {
    /** Deeper schemas (or recursive $refs) get empty objects and arrays below this depth. */
    private static final int MAX_DEPTH = 8;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode root;
    private final SplittableRandom rng;

    private SchemaExample(JsonNode root, SplittableRandom rng) {
        this.root = root;
        this.rng = rng;
    }

    /** An example value for {@code schema}; a null or empty schema gives an empty object. */
    static JsonNode of(JsonNode schema, SplittableRandom rng) {
        if (schema == null || schema.isNull() || schema.isEmpty()) return NODES.objectNode();
        return new SchemaExample(schema, rng).value(schema, 0);
    }

    private JsonNode value(JsonNode schema, int depth) {
        if (schema == null || !schema.isObject()) return NODES.textNode(Prose.word(rng));
        if (schema.has("$ref")) return value(resolve(schema.get("$ref").asText()), depth + 1);
        if (schema.has("const")) return schema.get("const");
        JsonNode en = schema.get("enum");
        if (en != null && en.isArray() && !en.isEmpty()) return en.get(0);
        for (String alt : List.of("anyOf", "oneOf", "allOf")) {
            JsonNode options = schema.get(alt);
            if (options != null && options.isArray() && !options.isEmpty()) return value(firstNotNull(options), depth + 1);
        }
        return switch (type(schema)) {
            case "object" -> object(schema, depth);
            case "array" -> array(schema, depth);
            case "integer" -> NODES.numberNode(integer(schema));
            case "number" -> NODES.numberNode(number(schema));
            case "boolean" -> NODES.booleanNode(rng.nextBoolean());
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema));
        };
    }

    private static String type(JsonNode schema) {
        JsonNode t = schema.get("type");
        if (t != null && t.isTextual()) return t.asText();
        if (t != null && t.isArray()) {
            for (JsonNode each : t) if (!"null".equals(each.asText())) return each.asText();
            return "null";
        }
        if (schema.has("properties")) return "object";
        if (schema.has("items")) return "array";
        return "string";
    }

    private ObjectNode object(JsonNode schema, int depth) {
        ObjectNode out = NODES.objectNode();
        if (depth >= MAX_DEPTH) return out;
        JsonNode props = schema.path("properties");
        List<String> names = new ArrayList<>();
        JsonNode required = schema.get("required");
        if (required != null && required.isArray() && !required.isEmpty()) {
            for (JsonNode r : required) names.add(r.asText());
        } else {
            for (Map.Entry<String, JsonNode> p : props.properties()) names.add(p.getKey());
        }
        for (String name : names) out.set(name, value(props.get(name), depth + 1));
        return out;
    }

    private ArrayNode array(JsonNode schema, int depth) {
        ArrayNode out = NODES.arrayNode();
        if (depth >= MAX_DEPTH) return out;
        int min = schema.path("minItems").asInt(1);
        int max = schema.path("maxItems").asInt(Math.max(min, 2));
        int n = Math.min(Math.max(min, 1 + rng.nextInt(2)), max);
        JsonNode items = schema.get("items");
        for (int i = 0; i < n; i++) out.add(value(items, depth + 1));
        return out;
    }

    private long integer(JsonNode schema) {
        long lo = schema.has("minimum") ? (long) Math.ceil(schema.get("minimum").asDouble()) : 1;
        long hi = schema.has("maximum") ? (long) Math.floor(schema.get("maximum").asDouble()) : lo + 99;
        if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) lo = Math.max(lo, schema.get("exclusiveMinimum").asLong() + 1);
        if (schema.has("exclusiveMaximum") && schema.get("exclusiveMaximum").isNumber()) hi = Math.min(hi, schema.get("exclusiveMaximum").asLong() - 1);
        return hi <= lo ? lo : lo + rng.nextLong(hi - lo + 1);
    }

    private double number(JsonNode schema) {
        double lo = schema.path("minimum").asDouble(0);
        double hi = schema.path("maximum").asDouble(Math.max(lo, 1) * 100);
        double v = hi <= lo ? lo : lo + rng.nextDouble() * (hi - lo);
        return Math.round(v * 100) / 100.0;
    }

    private String string(JsonNode schema) {
        String s = switch (schema.path("format").asText("")) {
            case "date-time" -> "2024-05-01T12:00:00Z";
            case "date" -> "2024-05-01";
            case "time" -> "12:00:00";
            case "email" -> "user@example.com";
            case "uri", "url" -> "https://example.com/" + Prose.word(rng);
            case "uuid" -> "123e4567-e89b-12d3-a456-426614174000";
            default -> Prose.phrase(rng);
        };
        int min = schema.path("minLength").asInt(0);
        StringBuilder b = new StringBuilder(s);
        while (b.length() < min) b.append(' ').append(Prose.word(rng));
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        return b.length() > max ? b.substring(0, max) : b.toString();
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) return null;
        JsonNode target = root.at(ref.substring(1));
        return target.isMissingNode() ? null : target;
    }

    private static JsonNode firstNotNull(JsonNode options) {
        for (JsonNode o : options) if (!"null".equals(o.path("type").asText())) return o;
        return options.get(0);
    }
}
