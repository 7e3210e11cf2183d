package dev.gearbox.learn;

import dev.gearbox.embed.VectorBank;
import java.util.List;

/**
 * A trained router over many models: for a prompt it predicts, per model, the probability that
 * the model's answer is good (its expected score on 0..1). Three estimates are blended: the
 * similarity-weighted mean score of the {@code k} most similar training prompts, shrunk toward the
 * model's overall mean (so a prompt with few close neighbours leans on the prior), a ridge
 * regression over the prompt's embedding and {@link PromptFeatures} (which generalises where the
 * neighbours are far), and a ridge regression over its character 4-grams ({@link LexicalHead}: the
 * surface of a task, which the embedding blurs). The cost-aware selector then picks the model with
 * the best quality for the money; the settings were chosen on held-out folds.
 */
public final class QualityRouter {
    /**
     * Hyper-parameters: neighbours, prior pseudo-weight, ridge strength, share of the embedding
     * ridge's estimate in the blend, share of the lexical estimate and its ridge strength (the
     * neighbours get the rest of the blend).
     */
    public record Settings(int k, double shrink, double ridge, double blend, double lexical, double lexicalRidge) {
        /** What won on held-out folds of LLMRouter's dcrouter train split (docs/routing-quality.md). */
        public static final Settings DEFAULTS = new Settings(40, 2.0, 1000.0, 0.2, 0.4, 30.0);

        public Settings {
            if (k < 1) throw new IllegalArgumentException("k must be at least 1");
            if (shrink < 0 || ridge < 0 || lexicalRidge < 0) throw new IllegalArgumentException("shrink and ridge strengths cannot be negative");
            if (blend < 0 || lexical < 0 || blend + lexical > 1) {
                throw new IllegalArgumentException("blend and lexical are shares of the estimate: each at least 0, together at most 1");
            }
        }

        /** The same settings with the lexical share given to the neighbours. */
        public Settings withoutLexical() {
            return new Settings(k, shrink, ridge, blend, 0, lexicalRidge);
        }

        /** The same settings with another neighbour count. */
        public Settings withK(int newK) {
            return new Settings(newK, shrink, ridge, blend, lexical, lexicalRidge);
        }
    }

    private final List<String> models;
    private final Settings settings;
    private final VectorBank bank;
    private final float[][] bankScores;
    private final double[] prior;
    private final double[] mean;
    private final double[] sd;
    private final double[][] weights;
    private final LexicalHead lexicalHead;
    private final LearnedRouter.Provenance provenance;

    /**
     * @param bank unit-length training embeddings; {@code bankScores[i][m]} model m's score on prompt i
     * @param mean per-feature mean and {@code sd} deviation of the ridge's inputs (embedding, then text features)
     * @param weights {@code [feature][model]} ridge weights on standardised inputs; the intercept is the prior
     * @param lexicalHead the character 4-gram estimate, present exactly when the settings give it a share
     */
    public QualityRouter(List<String> models, Settings settings, float[][] bank, float[][] bankScores, double[] prior,
                         double[] mean, double[] sd, double[][] weights, LexicalHead lexicalHead, LearnedRouter.Provenance provenance) {
        if (models.size() < 2) throw new IllegalArgumentException("a router over models needs at least two models");
        if (bank.length == 0 || bank.length != bankScores.length) throw new IllegalArgumentException("one score row per bank prompt, and at least one");
        if (prior.length != models.size() || weights.length != mean.length || mean.length != sd.length
                || weights[0].length != models.size() || bankScores[0].length != models.size()) {
            throw new IllegalArgumentException("the router's arrays do not match its " + models.size() + " models");
        }
        if ((settings.lexical() > 0) != (lexicalHead != null)) {
            throw new IllegalArgumentException("a lexical share of " + settings.lexical() + " needs " + (lexicalHead == null ? "a" : "no") + " lexical head");
        }
        if (lexicalHead != null && lexicalHead.models() != models.size()) {
            throw new IllegalArgumentException("the lexical head does not match the router's " + models.size() + " models");
        }
        this.models = List.copyOf(models);
        this.settings = settings;
        this.bank = new VectorBank(bank);
        this.bankScores = bankScores;
        this.prior = prior.clone();
        this.mean = mean.clone();
        this.sd = sd.clone();
        this.weights = weights;
        this.lexicalHead = lexicalHead;
        this.provenance = provenance;
    }

    /** Each model's predicted score on this prompt (0..1), in the order of {@link #models()}. */
    public double[] predict(float[] embedding, String text) {
        float[] unit = Neighbours.unit(embedding);
        double[] near = neighbours(unit);
        double[] linear = linear(features(unit, text));
        double[] lexical = lexicalHead == null ? null : lexicalHead.offsets(text);
        double nearShare = 1 - settings.blend() - settings.lexical();
        double[] out = new double[models.size()];
        for (int m = 0; m < out.length; m++) {
            double q = settings.blend() * linear[m] + nearShare * near[m];
            if (lexical != null) q += settings.lexical() * (prior[m] + lexical[m]);
            out[m] = Math.max(0, Math.min(1, q));
        }
        return out;
    }

    /** Fewest neighbours an estimate averages over. */
    static final int MIN_K = 5;

    /**
     * Neighbours per estimate: {@code k}, but never more than a tenth of the bank (at least
     * {@value #MIN_K}), so a small bank still votes locally instead of averaging everything.
     */
    int neighboursPerEstimate() {
        return Math.min(bank.size(), Math.min(settings.k(), Math.max(MIN_K, bank.size() / 10)));
    }

    /** The shrunk neighbour estimate per model. */
    double[] neighbours(float[] unit) {
        int k = neighboursPerEstimate();
        int[] top = new int[k];
        double[] sim = new double[k];
        int n = bank.nearest(unit, top, sim);
        double[] q = new double[models.size()];
        double den = settings.shrink();
        for (int m = 0; m < q.length; m++) q[m] = settings.shrink() * prior[m];
        for (int j = 0; j < n; j++) {
            double w = Math.max(1e-6, sim[j]);
            den += w;
            float[] s = bankScores[top[j]];
            for (int m = 0; m < q.length; m++) q[m] += w * s[m];
        }
        for (int m = 0; m < q.length; m++) q[m] /= den;
        return q;
    }

    /** The ridge estimate per model from standardised features. */
    double[] linear(double[] x) {
        double[] q = prior.clone();
        for (int f = 0; f < x.length; f++) {
            double z = (x[f] - mean[f]) / sd[f];
            if (z == 0) continue;
            double[] w = weights[f];
            for (int m = 0; m < q.length; m++) q[m] += z * w[m];
        }
        return q;
    }

    /** The ridge's raw inputs: the unit embedding, then the text features. */
    static double[] features(float[] unit, String text) {
        double[] t = PromptFeatures.of(text);
        double[] x = new double[unit.length + t.length];
        for (int i = 0; i < unit.length; i++) x[i] = unit[i];
        System.arraycopy(t, 0, x, unit.length, t.length);
        return x;
    }

    /** The index of a model in {@link #models()}, or -1. */
    public int indexOf(String model) {
        return models.indexOf(model);
    }

    public List<String> models() { return models; }
    public Settings settings() { return settings; }
    public LearnedRouter.Provenance provenance() { return provenance; }
    public int size() { return bank.size(); }
    /** The bank's rows, copied out. */
    float[][] bank() { return bank.rows(); }
    float[][] bankScores() { return bankScores; }
    double[] prior() { return prior; }
    double[] mean() { return mean; }
    double[] sd() { return sd; }
    double[][] weights() { return weights; }
    LexicalHead lexicalHead() { return lexicalHead; }
}
