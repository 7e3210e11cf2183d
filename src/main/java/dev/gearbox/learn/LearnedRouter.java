package dev.gearbox.learn;

import java.util.List;

/**
 * A trained router for one strong/weak pair: from a prompt's embedding and text it gives a score
 * (higher = the strong model is more likely to be needed) and, calibrated on held-out prompts, the
 * probability that the strong model does better. The score is a ridge blend of the neighbours'
 * gain ({@link Neighbours}) and {@link PromptFeatures}; {@link #curve} maps thresholds to the
 * share of strong calls and the quality reached, so an operating point can be asked for as "30%
 * strong" or "95% of the strong model's quality" instead of a raw number.
 */
public final class LearnedRouter {
    /** One operating point measured on held-out prompts. */
    public record Point(double threshold, double strongShare, double quality) {}

    private final Neighbours neighbours;
    private final double[] mean;
    private final double[] sd;
    private final double[] weights;
    private final double bias;
    private final double plattA;
    private final double plattB;
    private final List<Point> curve;
    private final Provenance provenance;

    /** What the router was trained on and how well it is calibrated, as printed by {@code train}. */
    public record Provenance(List<String> trainedOn, long seed, int examples, int holdout, double brier, String created) {}

    public LearnedRouter(Neighbours neighbours, double[] mean, double[] sd, double[] weights, double bias, double plattA,
                         double plattB, List<Point> curve, Provenance provenance) {
        int n = 1 + PromptFeatures.NAMES.length;
        if (mean.length != n || sd.length != n || weights.length != n) throw new IllegalArgumentException("expected " + n + " stacked features");
        if (curve.isEmpty()) throw new IllegalArgumentException("a router needs its calibration curve");
        this.neighbours = neighbours;
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.weights = weights.clone();
        this.bias = bias;
        this.plattA = plattA;
        this.plattB = plattB;
        this.curve = List.copyOf(curve);
        this.provenance = provenance;
    }

    /**
     * The routing score for a prompt: higher means the strong model is more likely to be needed.
     * The embedding may be null when {@link #readsEmbedding()} is false.
     */
    public double score(float[] embedding, String text) {
        double knn = readsEmbedding() ? neighbours.estimate(Neighbours.unit(embedding)) : mean[0];
        return combine(knn, PromptFeatures.of(text));
    }

    /**
     * Whether the score depends on the prompt's embedding: false for a recipe that gives the
     * neighbours no weight (length or the text features alone, as the shipped router's), whose
     * callers need neither embed the prompt nor search the bank.
     */
    public boolean readsEmbedding() {
        return weights[0] != 0;
    }

    double combine(double knn, double[] features) {
        double s = bias + weights[0] * (knn - mean[0]) / sd[0];
        for (int i = 0; i < features.length; i++) s += weights[i + 1] * (features[i] - mean[i + 1]) / sd[i + 1];
        return s;
    }

    /** P(the strong model does better than the weak one), Platt-scaled on held-out prompts. */
    public double probability(double score) {
        return 1 / (1 + Math.exp(-(plattA * score + plattB)));
    }

    /** The threshold at which about {@code share} (0..1) of traffic like the held-out prompts goes to the strong model. */
    public double thresholdForStrongShare(double share) {
        Point best = curve.get(0);
        for (Point p : curve) if (Math.abs(p.strongShare() - share) < Math.abs(best.strongShare() - share)) best = p;
        return best.threshold();
    }

    /** The highest threshold (fewest strong calls) that still reaches {@code fraction} of the strong model's quality. */
    public double thresholdForQuality(double fraction) {
        Point best = null;
        for (Point p : curve) {
            if (p.quality() >= fraction && (best == null || p.strongShare() < best.strongShare())) best = p;
        }
        if (best != null) return best.threshold();
        Point all = curve.get(0);
        for (Point p : curve) if (p.strongShare() > all.strongShare()) all = p;
        return all.threshold();
    }

    public List<Point> curve() { return curve; }
    public Neighbours neighbours() { return neighbours; }
    public Provenance provenance() { return provenance; }
    double[] mean() { return mean; }
    double[] sd() { return sd; }
    double[] weights() { return weights; }
    double bias() { return bias; }
    double plattA() { return plattA; }
    double plattB() { return plattB; }
}
