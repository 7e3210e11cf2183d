package dev.gearbox.eval;

import dev.gearbox.policy.SemanticMatcher;

/**
 * Registers the policies that need slow work in the gateway (embeddings, a judge, answer checks)
 * under the names {@code gearbox eval --policy} takes: {@code semantic} (centroid),
 * {@code semantic-knn}, {@code judge} and {@code cascade}.
 */
public final class SlowPolicies {
    private SlowPolicies() {}

    public static EvalPolicies register(EvalPolicies policies) {
        return policies
                .register("semantic", ctx -> SemanticEval.create(ctx, SemanticMatcher.Match.CENTROID))
                .register("semantic-knn", ctx -> SemanticEval.create(ctx, SemanticMatcher.Match.KNN))
                .register("judge", JudgeEval::create)
                .register("cascade", CascadeEval::create)
                .register("learned", LearnedEval::outOfDomain)
                .register("learned-personal", LearnedEval::personal);
    }
}
