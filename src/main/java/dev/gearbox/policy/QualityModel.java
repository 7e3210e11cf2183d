package dev.gearbox.policy;

import dev.gearbox.catalog.ModelInfo;
import java.util.Set;

/**
 * Predicted quality of a model's answer to a request, in [0, 1]: the probability that it is good
 * enough. The cost-aware selector maximises this minus lambda times cost; a learned router plugs
 * its own predictions in here.
 */
@FunctionalInterface
public interface QualityModel {
    double quality(ModelInfo model, RoutingInput input);

    /**
     * The quality of any model for one request: a model that predicts every candidate at once (a
     * learned router) does that work here, once per request, instead of once per candidate.
     */
    default java.util.function.ToDoubleFunction<ModelInfo> forRequest(RoutingInput input) {
        return m -> quality(m, input);
    }

    /** The slow work the predictions need (a prompt embedding), done off the event loop before {@link #quality}. */
    default Set<Need<?>> needs() {
        return Set.of();
    }
}
