package dev.gearbox.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a client's JSON Schema for Gemini. Function parameters go in Gemini's {@code Schema}
 * object, a select subset of OpenAPI 3.0 that answers 400 "Unknown name" for any other key, so
 * {@link #forParameters} keeps only the keys that object defines:
 * {@code type} (upper-cased), {@code format}, {@code title}, {@code description}, {@code nullable},
 * {@code enum}, {@code properties}, {@code required}, {@code propertyOrdering}, {@code items},
 * {@code anyOf}, {@code minimum}, {@code maximum}, {@code minItems}, {@code maxItems},
 * {@code minLength}, {@code maxLength}, {@code minProperties}, {@code maxProperties},
 * {@code pattern}, {@code default}, {@code example}.
 *
 * <p>Rewritten rather than dropped: {@code "type": ["string", "null"]} becomes {@code STRING} plus
 * {@code nullable}; {@code {"type": "null"}} members of {@code anyOf}/{@code oneOf} become
 * {@code nullable}; {@code oneOf} becomes {@code anyOf}; a string {@code const} becomes a one-value
 * {@code enum}; local {@code $ref}s ({@code #/$defs/...}, {@code #/definitions/...}) are inlined
 * (a recursive one becomes a plain {@code OBJECT}); {@code allOf} members are merged.
 *
 * <p>Dropped: {@code additionalProperties}, {@code $schema}, {@code $id}, {@code $defs},
 * {@code definitions}, {@code strict}, {@code examples}, {@code exclusiveMinimum},
 * {@code exclusiveMaximum}, {@code multipleOf}, {@code uniqueItems}, {@code not},
 * {@code if/then/else}, {@code patternProperties}, {@code prefixItems} and every other key; also
 * an {@code enum} with non-string values (Gemini enums are strings; keeping it would change the
 * argument type) and a {@code format} Gemini's developer API rejects (it takes {@code enum} and
 * {@code date-time} for strings, {@code float}/{@code double} and {@code int32}/{@code int64}
 * for numbers).
 *
 * <p>Response schemas ({@link #forResponse}) go in {@code responseJsonSchema}, which takes
 * standard JSON Schema, so they pass through nearly untouched.
 */
public final class GeminiSchemas {
    /** Keys copied as they are when their value has the right JSON type. */
    private static final Set<String> TEXT_KEYS = Set.of("title", "description", "pattern");
    private static final Set<String> NUMBER_KEYS = Set.of("minimum", "maximum", "minItems", "maxItems",
            "minLength", "maxLength", "minProperties", "maxProperties");
    private static final Set<String> VALUE_KEYS = Set.of("default", "example");
    private static final Map<String, Set<String>> FORMATS = Map.of(
            "STRING", Set.of("enum", "date-time"),
            "NUMBER", Set.of("float", "double"),
            "INTEGER", Set.of("int32", "int64"));

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private GeminiSchemas() {}

    /**
     * The {@code parameters} of a function declaration, or null when the function takes none
     * (no schema, or an object schema without properties, which Gemini refuses as an empty OBJECT).
     */
    public static ObjectNode forParameters(JsonNode jsonSchema) {
        if (jsonSchema == null || !jsonSchema.isObject()) return null;
        ObjectNode out = convert(jsonSchema, jsonSchema, new ArrayDeque<>());
        boolean object = "OBJECT".equals(out.path("type").asText());
        if (object && (!out.has("properties") || out.get("properties").isEmpty())) return null;
        return out;
    }

    /** A {@code responseJsonSchema}: the client's schema without the {@code $schema} dialect marker. */
    public static JsonNode forResponse(JsonNode jsonSchema) {
        if (jsonSchema == null || !jsonSchema.isObject()) return jsonSchema;
        ObjectNode copy = (ObjectNode) jsonSchema.deepCopy();
        copy.remove("$schema");
        return copy;
    }

    private static ObjectNode convert(JsonNode node, JsonNode root, Deque<String> expanding) {
        ObjectNode out = NODES.objectNode();
        if (!node.isObject()) return out;
        if (node.hasNonNull("$ref")) return inlineRef(node, root, expanding);

        boolean nullable = node.path("nullable").asBoolean(false);
        String type = null;
        JsonNode t = node.get("type");
        if (t != null && t.isTextual()) {
            if ("null".equals(t.asText())) nullable = true;
            else type = t.asText();
        } else if (t != null && t.isArray()) {
            for (JsonNode each : t) {
                if ("null".equals(each.asText())) nullable = true;
                else if (type == null && each.isTextual()) type = each.asText();
            }
        }
        if (type == null && node.has("properties")) type = "object";
        if (type == null && node.has("items")) type = "array";
        if (type != null) out.put("type", type.toUpperCase(Locale.ROOT));

        copyScalars(node, out);
        nullable |= copyEnum(node, out);
        copyFormat(node, out);

        JsonNode props = node.get("properties");
        if (props != null && props.isObject()) {
            ObjectNode converted = out.putObject("properties");
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                converted.set(e.getKey(), convert(e.getValue(), root, expanding));
            }
        }
        copyStrings(node.get("required"), out, "required", props);
        copyStrings(node.get("propertyOrdering"), out, "propertyOrdering", props);

        JsonNode items = node.get("items");
        if (items != null && items.isObject()) out.set("items", convert(items, root, expanding));
        else if (items != null && items.isArray() && !items.isEmpty()) out.set("items", convert(items.get(0), root, expanding));

        nullable |= convertUnion(node, out, root, expanding);
        mergeAllOf(node, out, root, expanding);
        if (nullable) out.put("nullable", true);
        return out;
    }

    private static void copyScalars(JsonNode node, ObjectNode out) {
        for (String k : TEXT_KEYS) if (node.path(k).isTextual()) out.set(k, node.get(k));
        for (String k : NUMBER_KEYS) if (node.path(k).isNumber()) out.set(k, node.get(k));
        for (String k : VALUE_KEYS) if (node.has(k)) out.set(k, node.get(k).deepCopy());
    }

    /** Copies a string enum (or string const); returns true when the enum admitted null. */
    private static boolean copyEnum(JsonNode node, ObjectNode out) {
        JsonNode values = node.get("enum");
        if (values == null && node.path("const").isTextual()) {
            out.putArray("enum").add(node.get("const").asText());
            return false;
        }
        if (values == null || !values.isArray()) return false;
        ArrayNode kept = NODES.arrayNode();
        boolean sawNull = false;
        for (JsonNode v : values) {
            if (v.isNull()) sawNull = true;
            else if (v.isTextual()) kept.add(v);
            else return false; // a number or boolean enum: Gemini would coerce it to strings
        }
        if (!kept.isEmpty()) out.set("enum", kept);
        return sawNull;
    }

    private static void copyFormat(JsonNode node, ObjectNode out) {
        JsonNode format = node.get("format");
        if (format == null || !format.isTextual()) return;
        Set<String> allowed = FORMATS.get(out.path("type").asText());
        if (allowed != null && allowed.contains(format.asText())) out.put("format", format.asText());
    }

    /** Copies a string list; when {@code props} is given, keeps only names it defines. */
    private static void copyStrings(JsonNode list, ObjectNode out, String key, JsonNode props) {
        if (list == null || !list.isArray()) return;
        ArrayNode kept = NODES.arrayNode();
        for (JsonNode v : list) {
            if (v.isTextual() && (props == null || !props.isObject() || props.has(v.asText()))) kept.add(v);
        }
        if (!kept.isEmpty()) out.set(key, kept);
    }

    /** anyOf and oneOf become one anyOf; null members become nullable. Returns true when one was null. */
    private static boolean convertUnion(JsonNode node, ObjectNode out, JsonNode root, Deque<String> expanding) {
        List<ObjectNode> members = new ArrayList<>();
        boolean sawNull = false;
        for (String key : List.of("anyOf", "oneOf")) {
            JsonNode list = node.get(key);
            if (list == null || !list.isArray()) continue;
            for (JsonNode m : list) {
                if (m.isObject() && "null".equals(m.path("type").asText()) && m.size() == 1) sawNull = true;
                else members.add(convert(m, root, expanding));
            }
        }
        if (members.size() == 1) {
            mergeInto(out, members.get(0));
        } else if (members.size() > 1) {
            ArrayNode any = out.putArray("anyOf");
            members.forEach(any::add);
        }
        return sawNull;
    }

    private static void mergeAllOf(JsonNode node, ObjectNode out, JsonNode root, Deque<String> expanding) {
        JsonNode all = node.get("allOf");
        if (all == null || !all.isArray()) return;
        for (JsonNode m : all) mergeInto(out, convert(m, root, expanding));
    }

    /** Adds {@code from}'s keys to {@code into}: properties and required are unioned, others kept if absent. */
    private static void mergeInto(ObjectNode into, ObjectNode from) {
        for (Map.Entry<String, JsonNode> e : from.properties()) {
            JsonNode have = into.get(e.getKey());
            if (have == null) {
                into.set(e.getKey(), e.getValue());
            } else if ("properties".equals(e.getKey()) && have.isObject()) {
                ((ObjectNode) have).setAll((ObjectNode) e.getValue());
            } else if ("required".equals(e.getKey()) && have.isArray()) {
                for (JsonNode r : e.getValue()) {
                    boolean present = false;
                    for (JsonNode h : have) present |= h.equals(r);
                    if (!present) ((ArrayNode) have).add(r);
                }
            }
        }
    }

    private static ObjectNode inlineRef(JsonNode node, JsonNode root, Deque<String> expanding) {
        String ref = node.get("$ref").asText();
        JsonNode target = resolve(ref, root);
        ObjectNode out;
        if (target == null || expanding.contains(ref)) {
            out = NODES.objectNode().put("type", "OBJECT");
        } else {
            expanding.push(ref);
            out = convert(target, root, expanding);
            expanding.pop();
        }
        // Siblings of $ref (a field's own description, nullable) describe the use, so they win.
        if (node.path("description").isTextual()) out.set("description", node.get("description"));
        if (node.path("nullable").asBoolean(false)) out.put("nullable", true);
        return out;
    }

    private static JsonNode resolve(String ref, JsonNode root) {
        if (!ref.startsWith("#/")) return null;
        JsonNode at = root.at(ref.substring(1));
        return at.isMissingNode() ? null : at;
    }
}
