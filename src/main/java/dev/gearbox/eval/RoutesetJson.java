package dev.gearbox.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gearbox.chat.Json;
import dev.gearbox.config.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Pure mappings from a routeset's JSON lines and meta file to records, failing with file and line. */
final class RoutesetJson {
    private static final String DEFAULT_SPLIT = "test";

    private RoutesetJson() {}

    static RoutesetItem item(String line, String file, int lineNo) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JacksonException e) {
            throw new ConfigException(file, lineNo, null, "not valid JSON: " + e.getOriginalMessage(), "each line must be one JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new ConfigException(file, lineNo, null, "expected a JSON object", "each line must be one JSON object");
        }
        String id = requiredText(node, "id", file, lineNo);
        String prompt = requiredText(node, "prompt", file, lineNo);
        List<String> turns = new ArrayList<>();
        JsonNode turnsNode = node.path("turns");
        if (!turnsNode.isMissingNode() && !turnsNode.isNull()) {
            if (!turnsNode.isArray()) throw bad(file, lineNo, "turns", "must be an array of strings");
            for (JsonNode t : turnsNode) {
                if (!t.isTextual()) throw bad(file, lineNo, "turns", "must be an array of strings");
                turns.add(t.asText());
            }
        }
        Map<String, Double> scores = numbers(node, "scores", file, lineNo);
        if (scores.isEmpty()) throw bad(file, lineNo, "scores", "must map at least one model to a number");
        return new RoutesetItem(id, node.path("task").asText(""), node.path("split").asText(DEFAULT_SPLIT), prompt,
                turns, scores, texts(node, "responses", file, lineNo), numbers(node, "cost_usd", file, lineNo));
    }

    static RoutesetMeta meta(JsonNode root, String file, String name, List<RoutesetItem> items) {
        if (root == null || !root.isObject()) throw new ConfigException(file, 0, null, "expected a JSON object", "see the routeset README");
        double[] range = scoreRange(items);
        JsonNode score = root.path("score");
        double min = score.path("min").isNumber() ? score.path("min").asDouble() : range[0];
        double max = score.path("max").isNumber() ? score.path("max").asDouble() : range[1];
        if (!(max > min)) throw new ConfigException(file, 0, "score", "max (" + max + ") must be above min (" + min + ")", "fix score.min/score.max");
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        root.path("models").properties().forEach(e -> models.put(e.getKey(), price(e.getValue(), file, e.getKey())));
        for (String m : modelsInItems(items)) models.putIfAbsent(m, null);
        String strong = textOrNull(root, "strong");
        String weak = textOrNull(root, "weak");
        if ((strong == null) != (weak == null)) {
            throw new ConfigException(file, 0, strong == null ? "strong" : "weak", "a two-model set needs both strong and weak", "give both or neither");
        }
        JsonNode reference = root.path("reference");
        return new RoutesetMeta(name, min, max, strong, weak, models, reference.isMissingNode() || reference.isNull() ? null : reference);
    }

    static RoutesetMeta metaFromItems(String name, List<RoutesetItem> items) {
        double[] range = scoreRange(items);
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        for (String m : modelsInItems(items)) models.put(m, null);
        double max = range[1] > range[0] ? range[1] : range[0] + 1;
        return new RoutesetMeta(name, range[0], max, null, null, models, null);
    }

    private static ModelPrice price(JsonNode node, String file, String model) {
        JsonNode in = node.path("input_usd_per_mtok");
        JsonNode out = node.path("output_usd_per_mtok");
        if (in.isMissingNode() && out.isMissingNode()) return null;
        if (!in.isNumber() || !out.isNumber()) {
            throw new ConfigException(file, 0, "models." + model, "needs both input_usd_per_mtok and output_usd_per_mtok as numbers", "give both prices or neither");
        }
        return new ModelPrice(in.asDouble(), out.asDouble());
    }

    private static List<String> modelsInItems(List<RoutesetItem> items) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (RoutesetItem i : items) names.addAll(new TreeSet<>(i.scores().keySet()));
        return List.copyOf(names);
    }

    private static double[] scoreRange(List<RoutesetItem> items) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (RoutesetItem i : items) {
            for (double s : i.scores().values()) {
                min = Math.min(min, s);
                max = Math.max(max, s);
            }
        }
        return new double[] {min, max};
    }

    private static String requiredText(JsonNode node, String field, String file, int lineNo) {
        JsonNode v = node.path(field);
        if (!v.isTextual()) throw bad(file, lineNo, field, v.isMissingNode() ? "is missing" : "must be a string");
        return v.asText();
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() ? v.asText() : null;
    }

    private static Map<String, Double> numbers(JsonNode node, String field, String file, int lineNo) {
        Map<String, Double> out = new LinkedHashMap<>();
        JsonNode obj = node.path(field);
        if (obj.isMissingNode() || obj.isNull()) return out;
        if (!obj.isObject()) throw bad(file, lineNo, field, "must be an object of model -> number");
        for (var e : obj.properties()) {
            if (!e.getValue().isNumber()) throw bad(file, lineNo, field + "." + e.getKey(), "must be a number, got " + e.getValue().getNodeType());
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }

    private static Map<String, String> texts(JsonNode node, String field, String file, int lineNo) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode obj = node.path(field);
        if (obj.isMissingNode() || obj.isNull()) return out;
        if (!obj.isObject()) throw bad(file, lineNo, field, "must be an object of model -> text");
        for (var e : obj.properties()) {
            if (!e.getValue().isTextual()) throw bad(file, lineNo, field + "." + e.getKey(), "must be a string");
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static ConfigException bad(String file, int lineNo, String field, String message) {
        return new ConfigException(file, lineNo, field, message, "see the routeset README for the line format");
    }
}
