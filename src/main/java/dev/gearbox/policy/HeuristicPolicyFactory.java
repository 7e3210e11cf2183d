package dev.gearbox.policy;

import dev.gearbox.config.ConfigNode;
import dev.gearbox.config.PolicyConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a {@code type: heuristic} policy:
 * <pre>
 * - name: auto-heuristic
 *   type: heuristic
 *   thresholds: {frontier: 0.16, mid: 0.08}   # complexity score at or above which a tier is chosen
 *   long_context_tokens: 8000
 *   weights: {math: 0.3}                      # any of Complexity.DEFAULT_WEIGHTS' features
 * </pre>
 */
public final class HeuristicPolicyFactory implements PolicyFactory {
    public static final String TYPE = "heuristic";

    @Override
    public Policy create(PolicyConfig config, PolicySetup setup) {
        ConfigNode body = config.body();
        body.allowOnly("name", "type", "version", "thresholds", "long_context_tokens", "weights");
        double frontier = 0.16, mid = 0.08;
        ConfigNode th = body.get("thresholds");
        if (th != null) {
            th.allowOnly("frontier", "mid");
            frontier = th.number("frontier", frontier);
            mid = th.number("mid", mid);
            if (!(0 <= mid && mid <= frontier && frontier <= 1)) {
                throw th.error("thresholds must satisfy 0 <= mid <= frontier <= 1", "e.g. `thresholds: {frontier: 0.16, mid: 0.08}`");
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>(Complexity.DEFAULT_WEIGHTS);
        ConfigNode w = body.get("weights");
        if (w != null) {
            w.allowOnly(Complexity.DEFAULT_WEIGHTS.keySet().toArray(String[]::new));
            w.map().forEach((k, v) -> {
                double x = v.asDouble();
                if (x < 0) throw v.error("a weight cannot be negative", "use 0 to switch a feature off");
                weights.put(k, x);
            });
        }
        int longCtx = body.integer("long_context_tokens", 8_000);
        if (longCtx < 100) throw body.require("long_context_tokens").error("too small", "use at least 100 tokens");
        if (setup.fleet().servableModels().isEmpty()) throw body.error("no deployed models to route to", "add deployments");
        return new HeuristicPolicy(config.name(), body.string("version", "1"), new Complexity(weights, longCtx),
                frontier, mid, setup.fleet());
    }
}
