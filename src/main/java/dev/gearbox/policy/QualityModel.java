package dev.gearbox.policy;

import dev.gearbox.catalog.ModelInfo;

/**
 * Predicted quality of a model's answer to a request, in [0, 1]: the probability that it is good
 * enough. The cost-aware selector maximises this minus lambda times cost; a learned router plugs
 * its own predictions in here.
 */
@FunctionalInterface
public interface QualityModel {
    double quality(ModelInfo model, RoutingInput input);
}
