package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of scoring one policy on a two-model routeset, written as {@code summary.json}: its
 * RouteLLM metrics beside the random, length and optimal baselines and the published reference.
 * {@code decisionThreshold} is the median edge, at which {@code decisions.jsonl} records each
 * prompt's model.
 */
public record TwoModelSummary(String routeset, String policy, String split, int prompts, String strong, String weak,
                              long seed, double decisionThreshold, TwoModelMetrics metrics,
                              Map<String, TwoModelMetrics> baselines, JsonNode reference) {
    public TwoModelSummary {
        baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
    }
}
