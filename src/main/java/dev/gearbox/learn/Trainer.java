package dev.gearbox.learn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fits a {@link LearnedRouter} from labelled prompts, deterministically for a seed: a held-out
 * share is set aside for calibration; on the rest, each prompt's neighbour estimate is computed
 * out-of-fold (so the blend learns how far to trust it), a ridge regression blends it with the
 * text features, and the held-out prompts give the Platt scaling, the Brier score, a reliability
 * table and the threshold curve. When the prompts come from several sources, the {@link Recipe}
 * (neighbours and features, features alone, or length alone) is the one that ranked each source
 * best when trained on the others: what transfers to traffic none of them is.
 */
public final class Trainer {
    /** Settings; {@link #DEFAULTS} are what won on held-out RouteLLM data (docs/routing-quality.md). */
    public record Settings(int k, double power, double lambda, double holdoutShare, int innerFolds, int maxBank) {
        public static final Settings DEFAULTS = new Settings(100, 1.0, 10.0, 0.2, 5, 20_000);
    }

    /** A trained router with its held-out report and the recipe chosen across sources. */
    public record Result(LearnedRouter router, double brier, List<double[]> reliability, Recipe.Choice recipe) {}

    private final Settings settings;

    public Trainer(Settings settings) {
        this.settings = settings;
    }

    public Result fit(List<Example> all, List<String> sources, long seed) {
        if (all.size() < 20) throw new IllegalArgumentException("need at least 20 labelled prompts to train, got " + all.size());
        List<Example> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        int hold = Math.max(10, (int) Math.round(shuffled.size() * settings.holdoutShare()));
        List<Example> holdout = shuffled.subList(0, hold);
        List<Example> train = shuffled.subList(hold, Math.min(shuffled.size(), hold + settings.maxBank()));

        int n = train.size();
        float[][] emb = new float[n][];
        float[] gain = new float[n];
        for (int i = 0; i < n; i++) {
            emb[i] = Neighbours.unit(train.get(i).embedding());
            gain[i] = (float) train.get(i).gain();
        }
        double[] oof = outOfFold(emb, gain);
        int f = 1 + PromptFeatures.NAMES.length;
        double[][] z = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] feats = PromptFeatures.of(train.get(i).text());
            z[i] = new double[f];
            z[i][0] = oof[i];
            System.arraycopy(feats, 0, z[i], 1, feats.length);
        }
        Recipe.Choice choice = Recipe.choose(train, z, crossSourceEstimates(train, emb, gain), settings.lambda());
        // the chosen recipe fitted on every training prompt, in the router's standardised form
        double[] raw = choice.recipe().weights(z, train, new boolean[n], settings.lambda());
        double[] mean = new double[f];
        double[] sd = new double[f];
        standardise(z, mean, sd);
        double[] w = new double[f];
        double bias = raw[f];
        for (int j = 0; j < f; j++) {
            w[j] = raw[j] * sd[j];
            bias += raw[j] * mean[j];
        }
        Neighbours bank = new Neighbours(emb, gain, settings.k(), settings.power());

        // held-out: scores, Platt scaling, reliability and the threshold curve
        double[] hs = new double[hold];
        boolean[] strongBetter = new boolean[hold];
        LearnedRouter provisional = new LearnedRouter(bank, mean, sd, w, bias, 1, 0, List.of(new LearnedRouter.Point(0, 0, 0)), null);
        for (int i = 0; i < hold; i++) {
            Example e = holdout.get(i);
            hs[i] = provisional.score(e.embedding(), e.text());
            strongBetter[i] = e.strong() > e.weak();
        }
        double[] ab = Platt.fit(hs, strongBetter);
        double brier = 0;
        double[][] bins = new double[10][3];
        for (int i = 0; i < hold; i++) {
            double p = 1 / (1 + Math.exp(-(ab[0] * hs[i] + ab[1])));
            double o = strongBetter[i] ? 1 : 0;
            brier += (p - o) * (p - o);
            int b = Math.min(9, (int) (p * 10));
            bins[b][0]++;
            bins[b][1] += p;
            bins[b][2] += o;
        }
        brier /= hold;
        List<double[]> reliability = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            if (bins[b][0] == 0) continue;
            reliability.add(new double[] {b / 10.0, (b + 1) / 10.0, bins[b][0], bins[b][1] / bins[b][0], bins[b][2] / bins[b][0]});
        }
        List<LearnedRouter.Point> curve = curve(hs, holdout);
        LearnedRouter.Provenance prov = new LearnedRouter.Provenance(List.copyOf(sources), seed, n, hold, brier, Instant.now().toString());
        return new Result(new LearnedRouter(bank, mean, sd, w, bias, ab[0], ab[1], curve, prov), brier, reliability, choice);
    }

    /** Column means and (population) deviations of {@code x}, into {@code mean} and {@code sd}; a constant column gets a tiny deviation. */
    static void standardise(double[][] x, double[] mean, double[] sd) {
        int n = x.length;
        for (int j = 0; j < mean.length; j++) {
            double m = 0;
            for (double[] r : x) m += r[j];
            m /= n;
            double v = 0;
            for (double[] r : x) v += (r[j] - m) * (r[j] - m);
            mean[j] = m;
            sd[j] = Math.sqrt(v / n) + 1e-6;
        }
    }

    /**
     * Each prompt's neighbour estimate from the prompts of the other sources only (what the
     * neighbours say about a kind of traffic they hold none of); null when there is one source.
     */
    private double[] crossSourceEstimates(List<Example> train, float[][] emb, float[] gain) {
        java.util.Map<String, List<Integer>> bySource = new java.util.LinkedHashMap<>();
        for (int i = 0; i < train.size(); i++) bySource.computeIfAbsent(train.get(i).source(), s -> new ArrayList<>()).add(i);
        int big = 0;
        for (List<Integer> idx : bySource.values()) if (idx.size() >= Recipe.MIN_SOURCE) big++;
        if (big < 2) return null;
        double[] out = new double[train.size()];
        for (var e : bySource.entrySet()) {
            String source = e.getKey();
            Neighbours nb = bank(emb, gain, i -> !train.get(i).source().equals(source));
            for (int i : e.getValue()) out[i] = nb.estimate(emb[i]);
        }
        return out;
    }

    /** A neighbour bank of the prompts {@code keep} accepts (by index). */
    private Neighbours bank(float[][] emb, float[] gain, java.util.function.IntPredicate keep) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < emb.length; i++) if (keep.test(i)) rows.add(i);
        float[][] b = new float[rows.size()][];
        float[] g = new float[rows.size()];
        for (int j = 0; j < rows.size(); j++) {
            b[j] = emb[rows.get(j)];
            g[j] = gain[rows.get(j)];
        }
        return new Neighbours(b, g, settings.k(), settings.power());
    }

    /** Each training prompt's neighbour estimate from a bank without its own fold. */
    private double[] outOfFold(float[][] emb, float[] gain) {
        int n = emb.length;
        int folds = Math.min(settings.innerFolds(), n);
        double[] out = new double[n];
        for (int f = 0; f < folds; f++) {
            int fold = f;
            Neighbours nb = bank(emb, gain, i -> i % folds != fold);
            for (int i = f; i < n; i += folds) out[i] = nb.estimate(emb[i]);
        }
        return out;
    }

    /** Thresholds at every percentile of the held-out scores: the strong share and the quality (as a fraction of always-strong) each gives. */
    static List<LearnedRouter.Point> curve(double[] scores, List<Example> holdout) {
        double strongMean = 0;
        for (Example e : holdout) strongMean += e.strong();
        strongMean /= holdout.size();
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        List<LearnedRouter.Point> out = new ArrayList<>();
        for (int pct = 0; pct <= 100; pct++) {
            double t = pct == 100 ? Double.POSITIVE_INFINITY : sorted[(int) Math.floor(pct / 100.0 * (sorted.length - 1))];
            int strong = 0;
            double q = 0;
            for (int i = 0; i < scores.length; i++) {
                boolean s = scores[i] >= t;
                if (s) strong++;
                q += s ? holdout.get(i).strong() : holdout.get(i).weak();
            }
            q /= scores.length;
            out.add(new LearnedRouter.Point(t == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : t, strong / (double) scores.length,
                    strongMean <= 0 ? 1 : q / strongMean));
        }
        return out;
    }
}
