package dev.gearbox.eval;

/**
 * A routing policy as the evaluator sees it: a scorer for two-model sets, a chooser for
 * multi-model sets, or both; null where the policy does not apply.
 */
public record EvalPolicy(TwoModelRouter twoModel, MultiModelRouter multiModel) {
    public EvalPolicy {
        if (twoModel == null && multiModel == null) throw new IllegalArgumentException("a policy needs a two-model or a multi-model router");
    }

    /** A policy that only scores strong/weak pairs. */
    public static EvalPolicy ofTwoModel(TwoModelRouter router) {
        return new EvalPolicy(router, null);
    }

    /** A policy that only picks among many models. */
    public static EvalPolicy ofMultiModel(MultiModelRouter router) {
        return new EvalPolicy(null, router);
    }
}
