package dev.gearbox.eval;

/**
 * A router that picks one model per prompt among many, trading quality against cost with a
 * willingness-to-pay {@code lambda} (RouterBench: maximise {@code lambda * quality - cost}), so
 * sweeping lambda traces the router's cost-quality curve.
 */
@FunctionalInterface
public interface MultiModelRouter {
    /** The model to send this prompt to at willingness-to-pay {@code lambda} (USD per quality point). */
    String choose(RoutesetItem item, double lambda);
}
