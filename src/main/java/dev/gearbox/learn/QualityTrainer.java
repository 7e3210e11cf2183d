package dev.gearbox.learn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Fits a {@link QualityRouter} from prompts scored on many models, deterministically for a seed: a
 * held-out share is set aside and scored by a router trained on the rest (per-model Brier score,
 * and what routing every held-out prompt to its best predicted model gives against the best single
 * model), then the router that is returned is trained on every prompt.
 */
public final class QualityTrainer {
    /** Share of prompts held out for the report. */
    public static final double HOLDOUT_SHARE = 0.2;

    /** What the held-out prompts say about a router trained without them. */
    public record Holdout(int prompts, double[] brier, String bestSingle, double bestSingleQuality, double routedQuality,
                          double oracleQuality) {}

    /** The router trained on every prompt, with the held-out report of its sibling trained on the rest. */
    public record Result(QualityRouter router, Holdout holdout) {}

    private final QualityRouter.Settings settings;

    public QualityTrainer(QualityRouter.Settings settings) {
        this.settings = settings;
    }

    public Result fit(List<QualityExample> all, List<String> models, List<String> sources, long seed) {
        if (all.size() < 20) throw new IllegalArgumentException("need at least 20 scored prompts to train, got " + all.size());
        for (QualityExample e : all) {
            if (e.scores().length != models.size()) throw new IllegalArgumentException("every prompt needs a score for each of " + models);
        }
        List<QualityExample> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(seed));
        int hold = Math.max(10, (int) Math.round(shuffled.size() * HOLDOUT_SHARE));
        List<QualityExample> holdout = shuffled.subList(0, hold);
        // the lexical head is fitted from MIN_PROMPTS up; the held-out sibling follows the full router's choice
        QualityRouter.Settings used = all.size() >= LexicalHead.MIN_PROMPTS ? settings : settings.withoutLexical();
        QualityRouter partial = build(shuffled.subList(hold, shuffled.size()), models, used, null);
        Holdout report = report(partial, holdout, models);
        double meanBrier = 0;
        for (double b : report.brier()) meanBrier += b / report.brier().length;
        LearnedRouter.Provenance prov = new LearnedRouter.Provenance(List.copyOf(sources), seed, all.size(), hold, meanBrier,
                Instant.now().toString());
        return new Result(build(shuffled, models, used, prov), report);
    }

    QualityRouter build(List<QualityExample> ex, List<String> models, QualityRouter.Settings settings, LearnedRouter.Provenance prov) {
        int n = ex.size();
        int m = models.size();
        float[][] bank = new float[n][];
        float[][] scores = new float[n][m];
        double[] prior = new double[m];
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            QualityExample e = ex.get(i);
            bank[i] = Neighbours.unit(e.embedding());
            for (int j = 0; j < m; j++) {
                scores[i][j] = (float) e.scores()[j];
                prior[j] += e.scores()[j] / n;
            }
            x[i] = QualityRouter.features(bank[i], e.text());
        }
        int f = x[0].length;
        double[] mean = new double[f];
        double[] sd = new double[f];
        for (double[] r : x) for (int j = 0; j < f; j++) mean[j] += r[j] / n;
        for (double[] r : x) for (int j = 0; j < f; j++) sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / n;
        for (int j = 0; j < f; j++) sd[j] = Math.sqrt(sd[j]) + 1e-6;
        double[][] z = new double[n][f];
        double[][] y = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) z[i][j] = (x[i][j] - mean[j]) / sd[j];
            for (int j = 0; j < m; j++) y[i][j] = scores[i][j] - prior[j];
        }
        double[][] w = Ridge.fitMany(z, y, settings.ridge());
        LexicalHead lexical = settings.lexical() > 0
                ? LexicalHead.fit(ex.stream().map(QualityExample::text).toList(), y, settings.lexicalRidge())
                : null;
        return new QualityRouter(models, settings, bank, scores, prior, mean, sd, w, lexical, prov);
    }

    static Holdout report(QualityRouter r, List<QualityExample> holdout, List<String> models) {
        int m = models.size();
        double[] brier = new double[m];
        double[] single = new double[m];
        double routed = 0;
        double oracle = 0;
        for (QualityExample e : holdout) {
            double[] p = r.predict(e.embedding(), e.text());
            int best = 0;
            double top = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                brier[j] += (p[j] - e.scores()[j]) * (p[j] - e.scores()[j]) / holdout.size();
                single[j] += e.scores()[j] / holdout.size();
                if (p[j] > p[best]) best = j;
                top = Math.max(top, e.scores()[j]);
            }
            routed += e.scores()[best] / holdout.size();
            oracle += top / holdout.size();
        }
        int bestSingle = 0;
        for (int j = 1; j < m; j++) if (single[j] > single[bestSingle]) bestSingle = j;
        return new Holdout(holdout.size(), brier, models.get(bestSingle), single[bestSingle], routed, oracle);
    }
}
