package dev.gearbox.policy;

import dev.gearbox.embed.VectorBank;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matching half of semantic routing: given each route's example embeddings, finds the route a
 * prompt embedding is closest to, by nearest centroid or by a similarity-weighted k-nearest-neighbour
 * vote. Pure and allocation-light (a few hundred dot products over {@link VectorBank}s), shared by
 * the gateway policy and the offline evaluator.
 */
public final class SemanticMatcher {
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

    /**
     * @param route      index of the winning route
     * @param similarity the winner's similarity, compared with the threshold
     * @param scores     per route: centroid cosine, or kNN vote (sum of the voters' similarities)
     */
    public record Result(int route, double similarity, double[] scores) {}

    private final Match match;
    private final int k;
    private final int routes;
    /** Every route's examples, route by route; {@code routeOf[i]} is example i's route. */
    private final VectorBank examples;
    private final int[] routeOf;
    /** One row per route: the normalised mean of its examples. */
    private final VectorBank centroids;

    public SemanticMatcher(Match match, int k, List<List<float[]>> examplesByRoute) {
        if (examplesByRoute.isEmpty()) throw new IllegalArgumentException("no routes");
        this.match = match;
        this.k = k;
        this.routes = examplesByRoute.size();
        List<float[]> rows = new ArrayList<>();
        List<Integer> route = new ArrayList<>();
        float[][] c = new float[routes][];
        for (int ri = 0; ri < routes; ri++) {
            List<float[]> ex = examplesByRoute.get(ri);
            c[ri] = centroidOf(ex);
            for (float[] e : ex) {
                rows.add(e);
                route.add(ri);
            }
        }
        this.examples = new VectorBank(rows.toArray(float[][]::new));
        this.routeOf = route.stream().mapToInt(Integer::intValue).toArray();
        this.centroids = new VectorBank(c);
    }

    public Result match(float[] v) {
        return match == Match.CENTROID ? byCentroid(v) : byNeighbours(v);
    }

    private Result byCentroid(float[] v) {
        int[] order = new int[routes];
        double[] sorted = new double[routes];
        centroids.nearest(v, order, sorted);
        double[] s = new double[routes];
        for (int i = 0; i < routes; i++) s[order[i]] = sorted[i];
        return new Result(order[0], sorted[0], s);
    }

    private Result byNeighbours(float[] v) {
        int kk = Math.min(k, examples.size());
        int[] top = new int[kk];
        double[] topSim = new double[kk];
        examples.nearest(v, top, topSim);
        double[] votes = new double[routes];
        double[] nearest = new double[routes];
        Arrays.fill(nearest, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < kk; i++) {
            int ri = routeOf[top[i]];
            votes[ri] += Math.max(0, topSim[i]);
            nearest[ri] = Math.max(nearest[ri], topSim[i]);
        }
        int best = routeOf[top[0]];
        for (int ri = 0; ri < routes; ri++) if (votes[ri] > votes[best]) best = ri;
        return new Result(best, nearest[best], votes);
    }

    static float[] centroidOf(List<float[]> vectors) {
        float[] c = new float[vectors.get(0).length];
        for (float[] v : vectors) for (int i = 0; i < c.length; i++) c[i] += v[i];
        double n = 0;
        for (float x : c) n += x * x;
        n = Math.sqrt(n);
        if (n > 0) for (int i = 0; i < c.length; i++) c[i] = (float) (c[i] / n);
        return c;
    }
}
