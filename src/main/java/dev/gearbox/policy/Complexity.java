package dev.gearbox.policy;

import dev.gearbox.signals.Signals;
import dev.gearbox.signals.TaskType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic complexity classifier as a score in [0, 1]: a weighted mean of features read from
 * the signals (prompt length, code with several instructions, long context, math, a reasoning
 * task, depth markers against brevity markers, a high-stakes domain, conversation depth). Weights
 * are configurable; {@link #explain} names the features that fired, for the decision's reason.
 */
public record Complexity(Map<String, Double> weights, int longContextTokens) {
    public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();
    public static final Complexity DEFAULT = new Complexity(DEFAULT_WEIGHTS, 8_000);

    public Complexity {
        weights = Map.copyOf(weights);
    }

    private static Map<String, Double> defaults() {
        Map<String, Double> w = new LinkedHashMap<>();
        // Length dominates: on RouteLLM's benchmarks it is the one feature that ranks prompts by need
        // for the strong model (docs/routing-quality.md); the others shift mixed traffic.
        w.put("length", 1.0);
        w.put("code_steps", 0.2);
        w.put("long_context", 0.1);
        w.put("math", 0.05);
        w.put("reasoning", 0.1);
        w.put("markers", 0.1);
        w.put("high_stakes", 0.1);
        w.put("turns", 0.05);
        return w;
    }

    /** Each feature's value in [0, 1] (markers may go to -0.5 when the prompt asks for brevity). */
    public Map<String, Double> features(Signals s) {
        Map<String, Double> f = new LinkedHashMap<>();
        int approxTokens = s.contextBytes() / 4;
        f.put("length", clamp(Math.log1p(approxTokens / 50.0) / Math.log1p(longContextTokens / 50.0)));
        f.put("code_steps", s.hasCode() ? (s.instructions() >= 2 ? 1.0 : 0.6) : 0.0);
        f.put("long_context", approxTokens >= longContextTokens ? 1.0 : 0.0);
        f.put("math", s.math() ? 1.0 : 0.0);
        TaskType t = s.taskType();
        f.put("reasoning", t == TaskType.REASONING || t == TaskType.MATH ? 1.0 : t == TaskType.CODE ? 0.7
                : t == TaskType.GENERATION ? 0.3 : 0.0);
        f.put("markers", Math.min(1.0, s.complexityMarkers() / 2.0) - 0.5 * Math.min(1.0, s.simplicityMarkers() / 2.0));
        f.put("high_stakes", s.highStakes() ? 1.0 : 0.0);
        f.put("turns", clamp(s.turns() / 10.0));
        return f;
    }

    public double score(Signals s) {
        return score(features(s));
    }

    public double score(Map<String, Double> f) {
        double sum = 0, total = 0;
        for (var e : weights.entrySet()) {
            total += e.getValue();
            sum += e.getValue() * f.getOrDefault(e.getKey(), 0.0);
        }
        return total == 0 ? 0 : clamp(sum / total);
    }

    /** The features that raised the score, e.g. {@code [code_steps, math]}. */
    static List<String> explain(Map<String, Double> f) {
        List<String> out = new ArrayList<>();
        f.forEach((k, v) -> {
            if (v >= 0.5) out.add(k);
        });
        return out;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
