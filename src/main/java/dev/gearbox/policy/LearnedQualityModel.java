package dev.gearbox.policy;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.learn.QualityRouter;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The cost-aware selector's quality from a trained {@link QualityRouter} ({@code quality: learned}):
 * every catalog model mapped to one of the router's models gets that model's predicted score for
 * the prompt; models the router does not know keep the tier prior. The prediction (the prompt's
 * embedding, then the router) is computed on a worker before the policy decides.
 */
final class LearnedQualityModel implements QualityModel {
    private final QualityRouter router;
    private final Map<String, Integer> index;
    private final QualityModel fallback;
    private final QualityPrediction need;

    /** @param mapping catalog model id -> the router's model name (both validated by the factory) */
    LearnedQualityModel(QualityRouter router, Map<String, String> mapping, QualityModel fallback) {
        this.router = router;
        this.index = mapping.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> router.indexOf(e.getValue())));
        this.fallback = fallback;
        this.need = new QualityPrediction(router);
    }

    @Override
    public double quality(ModelInfo model, RoutingInput input) {
        return forRequest(input).applyAsDouble(model);
    }

    @Override
    public ToDoubleFunction<ModelInfo> forRequest(RoutingInput input) {
        double[] p = input.prepared().require(need);
        return m -> {
            Integer i = index.get(m.id());
            return i == null ? fallback.quality(m, input) : p[i];
        };
    }

    @Override
    public Set<Need<?>> needs() {
        return Set.of(need);
    }
}
