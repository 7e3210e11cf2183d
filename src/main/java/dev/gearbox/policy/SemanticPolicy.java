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
 * ({@link PromptEmbedding}), done off the event loop by the router; deciding from it is a few
 * hundred dot products.
 */
public final class SemanticPolicy implements Policy {
    /** How a prompt is matched to routes. */
    public enum Match {
        /** Cosine similarity with each route's mean example; the similarity is that cosine. */
        CENTROID,
        /**
         * The k most similar examples vote, each with its similarity; the route with the largest vote
         * wins and its similarity is that of its nearest example.
         */
        KNN
    }

    private final String id;
    private final String version;
    private final Match match;
    private final int k;
    private final double threshold;
    private final List<SemanticRoute> routes;
    private final Target fallback;
    private final Fleet fleet;
    private final Function<String, Policy> policies;

    SemanticPolicy(String id, String version, Match match, int k, double threshold, List<SemanticRoute> routes,
                   Target fallback, Fleet fleet, Function<String, Policy> policies) {
        this.id = id;
        this.version = version;
        this.match = match;
        this.k = k;
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
        out.add(PromptEmbedding.NEED);
        List<Target> targets = new ArrayList<>();
        for (SemanticRoute r : routes) targets.add(r.target());
        targets.add(fallback);
        out.addAll(TargetDecisions.delegatedNeeds(targets, policies));
        return out;
    }

    @Override
    public Decision decide(RoutingInput input) {
        Scored best = score(input.prepared().require(PromptEmbedding.NEED));
        String sim = String.format(Locale.ROOT, "%.3f", best.similarity);
        String th = String.format(Locale.ROOT, "%.2f", threshold);
        if (best.similarity >= threshold) {
            return TargetDecisions.decide(id, version, input, best.route.target(),
                    "route " + best.route.name() + " (similarity " + sim + " >= " + th + ") -> " + best.route.target().describe(),
                    best.similarity, threshold, fleet, policies);
        }
        return TargetDecisions.decide(id, version, input, fallback,
                "no route (best " + best.route.name() + " " + sim + " < " + th + ") -> fallback " + fallback.describe(),
                best.similarity, threshold, fleet, policies);
    }

    /** The best route for a prompt embedding and its similarity (for eval and tests). */
    Scored score(float[] v) {
        return match == Match.CENTROID ? byCentroid(v) : byNeighbours(v);
    }

    /** Similarity of the prompt to each route, in route order (the eval's per-route scores). */
    double[] similarities(float[] v) {
        double[] out = new double[routes.size()];
        for (int i = 0; i < out.length; i++) out[i] = dot(v, routes.get(i).centroid());
        return out;
    }

    List<SemanticRoute> routes() {
        return routes;
    }

    private Scored byCentroid(float[] v) {
        SemanticRoute best = routes.get(0);
        double bestSim = Double.NEGATIVE_INFINITY;
        for (SemanticRoute r : routes) {
            double s = dot(v, r.centroid());
            if (s > bestSim) {
                bestSim = s;
                best = r;
            }
        }
        return new Scored(best, bestSim);
    }

    private Scored byNeighbours(float[] v) {
        int n = 0;
        for (SemanticRoute r : routes) n += r.examples().size();
        int kk = Math.min(k, n);
        double[] topSim = new double[kk];
        int[] topRoute = new int[kk];
        java.util.Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        for (int ri = 0; ri < routes.size(); ri++) {
            for (float[] e : routes.get(ri).examples()) {
                double s = dot(v, e);
                if (s <= topSim[kk - 1]) continue;
                int at = kk - 1;
                while (at > 0 && topSim[at - 1] < s) {
                    topSim[at] = topSim[at - 1];
                    topRoute[at] = topRoute[at - 1];
                    at--;
                }
                topSim[at] = s;
                topRoute[at] = ri;
            }
        }
        double[] votes = new double[routes.size()];
        double[] nearest = new double[routes.size()];
        java.util.Arrays.fill(nearest, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < kk; i++) {
            votes[topRoute[i]] += Math.max(0, topSim[i]);
            nearest[topRoute[i]] = Math.max(nearest[topRoute[i]], topSim[i]);
        }
        int best = topRoute[0];
        for (int ri = 0; ri < routes.size(); ri++) if (votes[ri] > votes[best]) best = ri;
        return new Scored(routes.get(best), nearest[best]);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    record Scored(SemanticRoute route, double similarity) {}
}
