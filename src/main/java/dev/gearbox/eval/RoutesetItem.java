package dev.gearbox.eval;

import java.util.List;
import java.util.Map;

/**
 * One prompt of a routeset with how every model did on it, so a router can be scored offline.
 * {@code prompt} is the text to route on (for multi-turn items the first user turn, as RouteLLM
 * routes MT-Bench); {@code scores} are on the scale given by {@link RoutesetMeta}.
 */
public record RoutesetItem(String id, String task, String split, String prompt, List<String> turns,
                           Map<String, Double> scores, Map<String, String> responses,
                           Map<String, Double> costUsd) {
    public RoutesetItem {
        turns = List.copyOf(turns);
        scores = Map.copyOf(scores);
        responses = Map.copyOf(responses);
        costUsd = Map.copyOf(costUsd);
    }

    /** The model's score on this prompt; fails naming the item when the model has none. */
    public double score(String model) {
        Double s = scores.get(model);
        if (s == null) throw new IllegalArgumentException("item " + id + " has no score for " + model + "; it has " + scores.keySet());
        return s;
    }
}
