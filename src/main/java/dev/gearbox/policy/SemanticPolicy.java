package dev.gearbox.policy;

import dev.gearbox.catalog.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Semantic routes: the prompt's embedding is compared with each route's example utterances, by
 * nearest centroid or by a k-nearest-neighbour vote; the best route wins when its similarity reaches
 * the threshold, otherwise the fallback target serves. The embedding is slow work
 * ({@link PromptEmbedding}, of at most {@code max_tokens} word pieces of the prompt), done off the
 * event loop by the router; deciding from it is a few hundred dot products.
 */
public final class SemanticPolicy implements Policy {
    /** One named route and where it sends a request. */
    record Route(String name, Target target) {}

    private final String id;
    private final String version;
    private final SemanticMatcher matcher;
    private final PromptEmbedding embedding;
    private final double threshold;
    private final List<Route> routes;
    private final Target fallback;
    private final Fleet fleet;
    private final Function<String, Policy> policies;

    SemanticPolicy(String id, String version, SemanticMatcher matcher, PromptEmbedding embedding, double threshold,
                   List<Route> routes, Target fallback, Fleet fleet, Function<String, Policy> policies) {
        this.id = id;
        this.version = version;
        this.matcher = matcher;
        this.embedding = embedding;
        this.threshold = threshold;
        this.routes = List.copyOf(routes);
        this.fallback = fallback;
        this.fleet = fleet;
        this.policies = policies;
    }

    @Override public String id() { return id; }
    @Override public String version() { return version; }

    @Override
    public Set<Need<?>> needs() {
        Set<Need<?>> out = new LinkedHashSet<>();
        out.add(embedding);
        List<Target> targets = new ArrayList<>();
        for (Route r : routes) targets.add(r.target());
        targets.add(fallback);
        out.addAll(TargetDecisions.delegatedNeeds(targets, policies));
        return out;
    }

    @Override
    public Decision decide(RoutingInput input) {
        SemanticMatcher.Result best = matcher.match(input.prepared().require(embedding));
        Route route = routes.get(best.route());
        String sim = String.format(Locale.ROOT, "%.3f", best.similarity());
        String th = String.format(Locale.ROOT, "%.2f", threshold);
        if (best.similarity() >= threshold) {
            return TargetDecisions.decide(id, version, input, route.target(),
                    "route " + route.name() + " (similarity " + sim + " >= " + th + ") -> " + route.target().describe(),
                    best.similarity(), threshold, fleet, policies);
        }
        return TargetDecisions.decide(id, version, input, fallback,
                "no route (best " + route.name() + " " + sim + " < " + th + ") -> fallback " + fallback.describe(),
                best.similarity(), threshold, fleet, policies);
    }
}
