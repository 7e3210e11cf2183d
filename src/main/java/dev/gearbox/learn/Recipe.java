package dev.gearbox.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a two-model router's score is made of, chosen by {@link Trainer} when its training data
 * comes from several sources: the neighbours' gain stacked with the text features ({@link #FULL}),
 * the text features alone ({@link #FEATURES}), or the prompt's length alone ({@link #LENGTH}, the
 * baseline "a longer prompt needs the strong model"). Out of domain, neighbours learned on one
 * kind of prompt or one model pair can rank another kind worse than length does
 * (docs/routing-quality.md, "Out-of-domain: what transfers"), so each recipe is scored on every
 * source after training on the others, and the best mean wins.
 */
public enum Recipe {
    FULL, FEATURES, LENGTH;

    /** Fewest prompts a source needs to be held out and scored. */
    static final int MIN_SOURCE = 50;
    /** The length feature's column in the stacked inputs (the neighbour estimate is column 0). */
    static final int LENGTH_COLUMN = 1 + Arrays.asList(PromptFeatures.NAMES).indexOf("log_chars");

    /** Each recipe's mean recovered gap over the held-out sources, and the winner. */
    public record Choice(Recipe recipe, Map<Recipe, Double> meanGap, List<String> sources) {
        static Choice only(Recipe r) {
            return new Choice(r, Map.of(), List.of());
        }

        /** The recipe and, when sources were held out, each recipe's mean recovered gap on them. */
        public String describe() {
            String name = recipe.name().toLowerCase(java.util.Locale.ROOT);
            if (sources.isEmpty()) return "recipe " + name + " (fewer than two sources of " + MIN_SOURCE + "+ prompts: nothing to hold out)";
            StringBuilder b = new StringBuilder("recipe " + name + ", chosen by holding out each of " + sources + " in turn (mean recovered gap:");
            meanGap.forEach((r, g) -> b.append(String.format(java.util.Locale.ROOT, " %s %.3f", r.name().toLowerCase(java.util.Locale.ROOT), g)));
            return b.append(")").toString();
        }
    }

    /**
     * The recipe whose scores, trained on the other sources, best rank each source's prompts by
     * their gain (mean {@link #recoveredGap}); {@link #FULL} when fewer than two sources have
     * {@link #MIN_SOURCE} prompts with a gap between the models. {@code z} are the stacked inputs
     * (column 0 the in-source out-of-fold neighbour estimate), {@code crossKnn} each prompt's
     * neighbour estimate from the other sources only.
     */
    static Choice choose(List<Example> train, double[][] z, double[] crossKnn, double lambda) {
        if (crossKnn == null) return Choice.only(FULL);
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < train.size(); i++) bySource.computeIfAbsent(train.get(i).source(), s -> new ArrayList<>()).add(i);
        List<String> usable = new ArrayList<>();
        for (var e : bySource.entrySet()) if (e.getValue().size() >= MIN_SOURCE && gap(train, e.getValue()) > 1e-9) usable.add(e.getKey());
        if (usable.size() < 2) return Choice.only(FULL);
        Map<Recipe, Double> mean = new LinkedHashMap<>();
        for (Recipe r : values()) {
            double sum = 0;
            for (String s : usable) {
                List<Integer> held = bySource.get(s);
                boolean[] out = new boolean[train.size()];
                for (int i : held) out[i] = true;
                double[] w = r.weights(z, train, out, lambda);
                double[] scores = new double[held.size()];
                for (int j = 0; j < held.size(); j++) {
                    int i = held.get(j);
                    double[] row = z[i].clone();
                    row[0] = crossKnn[i];
                    scores[j] = dot(w, row);
                }
                sum += recoveredGap(scores, held.stream().map(train::get).toList());
            }
            mean.put(r, sum / usable.size());
        }
        Recipe best = FULL;
        for (Recipe r : values()) if (mean.get(r) > mean.get(best) + 1e-12) best = r;
        return new Choice(best, mean, usable);
    }

    /**
     * Raw-scale weights (with the intercept last) for this recipe, fitted on the rows not marked
     * {@code out}: the score of a row x is {@code sum w[j] x[j] + w[last]}.
     */
    double[] weights(double[][] z, List<Example> train, boolean[] out, double lambda) {
        int f = z[0].length;
        double[] w = new double[f + 1];
        int kept = 0;
        for (boolean o : out) if (!o) kept++;
        double[][] x = new double[kept][];
        double[] y = new double[kept];
        for (int i = 0, r = 0; i < z.length; i++) {
            if (out[i]) continue;
            x[r] = z[i].clone();
            if (this == FEATURES) x[r][0] = 0;
            y[r++] = train.get(i).gain();
        }
        double[] mean = new double[f];
        double[] sd = new double[f];
        Trainer.standardise(x, mean, sd);
        double yMean = Arrays.stream(y).average().orElse(0);
        double[] std;
        if (this == LENGTH) { // the standardised length alone, on the gain's mean
            std = new double[f];
            std[LENGTH_COLUMN] = 1;
        } else {
            std = Ridge.fit(x, y, mean, sd, yMean, lambda);
        }
        double intercept = yMean;
        for (int j = 0; j < f; j++) {
            w[j] = std[j] / sd[j];
            intercept -= std[j] * mean[j] / sd[j];
        }
        w[f] = intercept;
        return w;
    }

    private static double dot(double[] w, double[] row) {
        double s = w[row.length];
        for (int j = 0; j < row.length; j++) s += w[j] * row[j];
        return s;
    }

    private static double gap(List<Example> train, List<Integer> idx) {
        double s = 0, w = 0;
        for (int i : idx) {
            s += train.get(i).strong();
            w += train.get(i).weak();
        }
        return Math.abs(s - w) / idx.size();
    }

    /**
     * RouteLLM's average performance gap recovered, on these prompts: the prompts ranked by score,
     * the top share sent to the strong model for shares 0%, 1%, ..., 100%, and at each the quality
     * as a share of the gap between always-weak and always-strong, averaged. Prompts with equal
     * scores share their run's mean gain, so a constant score recovers half the gap.
     */
    static double recoveredGap(double[] scores, List<Example> ex) {
        int n = ex.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double strongAll = 0, weakAll = 0;
        for (Example e : ex) {
            strongAll += e.strong();
            weakAll += e.weak();
        }
        double span = strongAll - weakAll;
        if (Math.abs(span) < 1e-12) return 0.5;
        // the gain of the top k prompts; within a run of equal scores each takes the run's mean gain
        double[] mean = new double[n];
        for (int a = 0; a < n; ) {
            int b = a;
            double g = 0;
            while (b < n && scores[order[b]] == scores[order[a]]) g += ex.get(order[b++]).gain();
            for (int j = a; j < b; j++) mean[j] = g / (b - a);
            a = b;
        }
        double sum = 0;
        for (int pct = 0; pct <= 100; pct++) {
            int k = (int) Math.round(pct / 100.0 * n);
            double q = weakAll;
            for (int j = 0; j < k; j++) q += mean[j];
            sum += (q - weakAll) / span;
        }
        return sum / 101;
    }
}
