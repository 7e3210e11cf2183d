package dev.gearbox.eval;

/**
 * A router for a strong/weak model pair, as RouteLLM defines one: it scores each prompt, and a
 * threshold on the score decides which prompts go to the strong model.
 */
@FunctionalInterface
public interface TwoModelRouter {
    /** How much this prompt needs the strong model; higher means more. Any finite scale works. */
    double pStrong(RoutesetItem item);
}
