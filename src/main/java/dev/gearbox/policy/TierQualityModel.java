package dev.gearbox.policy;

import dev.gearbox.catalog.ModelInfo;
import dev.gearbox.catalog.Tier;

/**
 * The quality model with no training data: each tier starts near the same quality on easy
 * requests (any model answers "hello" well) and loses more as the request's complexity score
 * ({@link Complexity}) rises, the efficient tier most. Figures are priors, not measurements:
 * frontier 0.95 - 0.03 d, mid 0.95 - 0.25 d, efficient 0.95 - 0.50 d, for complexity d in [0, 1].
 */
public record TierQualityModel(Complexity complexity) implements QualityModel {
    @Override
    public double quality(ModelInfo model, RoutingInput input) {
        double d = complexity.score(input.signals());
        return quality(model.tier(), d);
    }

    public static double quality(Tier tier, double d) {
        return switch (tier) {
            case FRONTIER -> 0.95 - 0.03 * d;
            case MID -> 0.95 - 0.25 * d;
            case EFFICIENT -> 0.95 - 0.50 * d;
        };
    }
}
