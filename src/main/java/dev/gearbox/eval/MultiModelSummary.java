package dev.gearbox.eval;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of scoring one policy on a multi-model routeset, written as {@code summary.json}:
 * its cost-quality sweep and AIQ beside the single models, the zero router (single models mixed),
 * the oracle and the simple baselines, all over the same cost range {@code [0, costMax]}.
 * {@code decisionLambda} is the willingness-to-pay at which {@code decisions.jsonl} records each
 * prompt's model: the smallest that matches the best single model, else the one with the best quality.
 */
public record MultiModelSummary(String routeset, String policy, String split, int prompts, int skippedPrompts,
                               List<String> models, List<String> unpricedModels, long seed, List<Double> lambdas,
                               double decisionLambda, double costMax, List<SingleModel> singles,
                               SingleModel bestSingle, SingleModel cheapestSingle, Frontier zeroRouter,
                               double zeroRouterAiq, MultiModelMetrics metrics,
                               Map<String, MultiModelMetrics> baselines, JsonNode reference) {
    public MultiModelSummary {
        models = List.copyOf(models);
        unpricedModels = List.copyOf(unpricedModels);
        lambdas = List.copyOf(lambdas);
        singles = List.copyOf(singles);
        baselines = Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
    }
}
