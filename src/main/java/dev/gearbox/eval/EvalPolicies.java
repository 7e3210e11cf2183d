package dev.gearbox.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The policies {@code gearbox eval --policy NAME} can score, registered explicitly by name. It
 * starts with the baselines; the application registers the real routing policies.
 */
public final class EvalPolicies {
    private final Map<String, EvalPolicyFactory> factories = new LinkedHashMap<>();

    /** Adds a policy; a name can be registered once. */
    public EvalPolicies register(String name, EvalPolicyFactory factory) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("a policy needs a name");
        if (factories.putIfAbsent(name, factory) != null) throw new IllegalArgumentException("policy '" + name + "' is already registered");
        return this;
    }

    /** Builds the named policy; an unknown name fails listing the known ones. */
    public EvalPolicy create(String name, PolicyContext context) {
        EvalPolicyFactory factory = factories.get(name);
        if (factory == null) throw new IllegalArgumentException("unknown policy '" + name + "'; known policies: " + String.join(", ", names()));
        return factory.create(context);
    }

    /** The registered names, in registration order. */
    public List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /**
     * A registry holding the baselines: {@code random}, {@code length} (two-model only),
     * {@code optimal} (the oracle), and {@code cheapest} and {@code best-single} (multi-model only).
     */
    public static EvalPolicies withBaselines() {
        return new EvalPolicies()
                .register("random", ctx -> ctx.data().meta().twoModel()
                        ? EvalPolicy.ofTwoModel(TwoModelBaselines.random(ctx.seed()))
                        : EvalPolicy.ofMultiModel(MultiModelBaselines.random(CostTable.of(ctx.data()), ctx.seed())))
                .register("length", ctx -> EvalPolicy.ofTwoModel(TwoModelBaselines.length()))
                .register("optimal", ctx -> ctx.data().meta().twoModel()
                        ? EvalPolicy.ofTwoModel(TwoModelBaselines.optimal(ctx.data().items(), ctx.data().meta().strong(), ctx.data().meta().weak()))
                        : EvalPolicy.ofMultiModel(MultiModelBaselines.oracle(CostTable.of(ctx.data()))))
                .register("cheapest", ctx -> EvalPolicy.ofMultiModel(MultiModelBaselines.cheapest(CostTable.of(ctx.data()))))
                .register("best-single", ctx -> EvalPolicy.ofMultiModel(MultiModelBaselines.bestSingle(CostTable.of(ctx.data()))));
    }
}
