package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a routeset's {@code <name>.meta.json} says: the score scale, the models with their prices
 * where known, the strong/weak pair of a two-model set, and the published results to compare to.
 * {@code models} keeps the file's order; a model without a known price maps to {@code null}.
 */
public record RoutesetMeta(String name, double scoreMin, double scoreMax, String strong, String weak,
                           Map<String, ModelPrice> models, JsonNode reference) {
    public RoutesetMeta {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }

    /** True for RouteLLM-style sets that pit one strong model against one weak one. */
    public boolean twoModel() {
        return strong != null && weak != null;
    }

    /** The model's price, empty when the meta file gives none. */
    public Optional<ModelPrice> price(String model) {
        return Optional.ofNullable(models.get(model));
    }

    /** The models in the meta file's order. */
    public List<String> modelNames() {
        return List.copyOf(models.keySet());
    }
}
