package dev.gearbox.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The matching half of semantic routing: given each route's example embeddings, finds the route a
 * prompt embedding is closest to, by nearest centroid or by a similarity-weighted k-nearest-neighbour
 * vote. Pure and allocation-light (a few hundred dot products), shared by the gateway policy and
 * the offline evaluator.
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
    private final List<List<float[]>> examples;
    private final List<float[]> centroids;

    public SemanticMatcher(Match match, int k, List<List<float[]>> examplesByRoute) {
        if (examplesByRoute.isEmpty()) throw new IllegalArgumentException("no routes");
        this.match = match;
        this.k = k;
        this.examples = List.copyOf(examplesByRoute);
        List<float[]> c = new ArrayList<>();
        for (List<float[]> ex : examplesByRoute) c.add(centroidOf(ex));
        this.centroids = List.copyOf(c);
    }

    public Result match(float[] v) {
        return match == Match.CENTROID ? byCentroid(v) : byNeighbours(v);
    }

    private Result byCentroid(float[] v) {
        double[] s = new double[centroids.size()];
        int best = 0;
        for (int i = 0; i < s.length; i++) {
            s[i] = dot(v, centroids.get(i));
            if (s[i] > s[best]) best = i;
        }
        return new Result(best, s[best], s);
    }

    private Result byNeighbours(float[] v) {
        int n = 0;
        for (List<float[]> ex : examples) n += ex.size();
        int kk = Math.min(k, n);
        double[] topSim = new double[kk];
        int[] topRoute = new int[kk];
        Arrays.fill(topSim, Double.NEGATIVE_INFINITY);
        for (int ri = 0; ri < examples.size(); ri++) {
            for (float[] e : examples.get(ri)) {
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
        double[] votes = new double[examples.size()];
        double[] nearest = new double[examples.size()];
        Arrays.fill(nearest, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < kk; i++) {
            votes[topRoute[i]] += Math.max(0, topSim[i]);
            nearest[topRoute[i]] = Math.max(nearest[topRoute[i]], topSim[i]);
        }
        int best = topRoute[0];
        for (int ri = 0; ri < votes.length; ri++) if (votes[ri] > votes[best]) best = ri;
        return new Result(best, nearest[best], votes);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
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
