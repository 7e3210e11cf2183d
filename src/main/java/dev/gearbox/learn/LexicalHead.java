package dev.gearbox.learn;

import java.util.List;

/**
 * A ridge regression per model on a prompt's {@link CharGrams}, TF-IDF weighted and scaled to unit
 * length: the quality router's lexical estimate. Fitted by conjugate gradients on the sparse rows
 * (the normal equations have {@link CharGrams#DIMS} unknowns, too many to form), every model's
 * column at once; deterministic for the same prompts.
 */
public final class LexicalHead {
    /**
     * Fewest training prompts the head is fitted on: it helped on dcrouter from 500 up
     * (docs/routing-quality.md); on fewer, 32,768 buckets learn the prompts, not their kind, and its
     * share goes to the neighbours.
     */
    public static final int MIN_PROMPTS = 500;
    private static final int MAX_ITERATIONS = 1_000;
    private static final double TOLERANCE = 1e-6;

    private final float[] idf;
    /** {@code weights[bucket * models + model]}. */
    private final float[] weights;
    private final int models;

    public LexicalHead(float[] idf, float[] weights, int models) {
        if (idf.length != CharGrams.DIMS || weights.length != CharGrams.DIMS * models) {
            throw new IllegalArgumentException("a lexical head needs " + CharGrams.DIMS + " idf values and that many weights per model");
        }
        this.idf = idf;
        this.weights = weights;
        this.models = models;
    }

    /** Each model's estimate less its prior (the caller adds the prior). */
    public double[] offsets(String text) {
        CharGrams.Sparse x = CharGrams.of(text);
        float[] v = weighted(x, idf);
        double[] q = new double[models];
        int[] index = x.index();
        for (int i = 0; i < index.length; i++) {
            int base = index[i] * models;
            for (int m = 0; m < models; m++) q[m] += v[i] * weights[base + m];
        }
        return q;
    }

    /**
     * Fits one ridge column per model: {@code targets[i][m]} is model m's centred score on prompt i;
     * minimises the squared error plus {@code lambda} times the squared weights.
     */
    public static LexicalHead fit(List<String> texts, double[][] targets, double lambda) {
        int n = texts.size();
        int m = targets[0].length;
        CharGrams.Sparse[] rows = new CharGrams.Sparse[n];
        int[] df = new int[CharGrams.DIMS];
        for (int i = 0; i < n; i++) {
            rows[i] = CharGrams.of(texts.get(i));
            for (int b : rows[i].index()) df[b]++;
        }
        float[] idf = new float[CharGrams.DIMS];
        for (int b = 0; b < idf.length; b++) idf[b] = (float) (Math.log((n + 1.0) / (df[b] + 1.0)) + 1);
        float[][] z = new float[n][];
        for (int i = 0; i < n; i++) z[i] = weighted(rows[i], idf);
        double[] w = solve(rows, z, targets, lambda, m);
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) wf[i] = (float) w[i];
        return new LexicalHead(idf, wf, m);
    }

    /** Conjugate gradients on (Z'Z + lambda I) W = Z'Y, one independent recurrence per column. */
    private static double[] solve(CharGrams.Sparse[] rows, float[][] z, double[][] y, double lambda, int m) {
        int d = CharGrams.DIMS;
        double[] w = new double[d * m];
        double[] r = new double[d * m];
        // r = Z'Y (W starts at zero)
        for (int i = 0; i < rows.length; i++) {
            int[] idx = rows[i].index();
            for (int j = 0; j < idx.length; j++) {
                int base = idx[j] * m;
                for (int c = 0; c < m; c++) r[base + c] += z[i][j] * y[i][c];
            }
        }
        double[] p = r.clone();
        double[] ap = new double[d * m];
        double[] rr = columnDots(r, r, m);
        double[] stop = new double[m];
        for (int c = 0; c < m; c++) stop[c] = TOLERANCE * TOLERANCE * Math.max(rr[c], 1e-300);
        double[] xp = new double[rows.length * m];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            boolean done = true;
            for (int c = 0; c < m; c++) if (rr[c] > stop[c]) done = false;
            if (done) break;
            apply(rows, z, p, lambda, m, xp, ap);
            double[] pap = columnDots(p, ap, m);
            double[] alpha = new double[m];
            for (int c = 0; c < m; c++) alpha[c] = rr[c] <= stop[c] || pap[c] == 0 ? 0 : rr[c] / pap[c];
            for (int k = 0; k < w.length; k++) {
                double a = alpha[k % m];
                w[k] += a * p[k];
                r[k] -= a * ap[k];
            }
            double[] next = columnDots(r, r, m);
            for (int k = 0; k < p.length; k++) {
                int c = k % m;
                double beta = rr[c] == 0 ? 0 : next[c] / rr[c];
                p[k] = r[k] + beta * p[k];
            }
            rr = next;
        }
        return w;
    }

    /** out = (Z'Z + lambda I) v, with {@code xv} as scratch for Z v. */
    private static void apply(CharGrams.Sparse[] rows, float[][] z, double[] v, double lambda, int m, double[] xv, double[] out) {
        java.util.Arrays.fill(xv, 0);
        for (int i = 0; i < rows.length; i++) {
            int[] idx = rows[i].index();
            int o = i * m;
            for (int j = 0; j < idx.length; j++) {
                int base = idx[j] * m;
                float zij = z[i][j];
                for (int c = 0; c < m; c++) xv[o + c] += zij * v[base + c];
            }
        }
        for (int k = 0; k < out.length; k++) out[k] = lambda * v[k];
        for (int i = 0; i < rows.length; i++) {
            int[] idx = rows[i].index();
            int o = i * m;
            for (int j = 0; j < idx.length; j++) {
                int base = idx[j] * m;
                float zij = z[i][j];
                for (int c = 0; c < m; c++) out[base + c] += zij * xv[o + c];
            }
        }
    }

    private static double[] columnDots(double[] a, double[] b, int m) {
        double[] s = new double[m];
        for (int k = 0; k < a.length; k++) s[k % m] += a[k] * b[k];
        return s;
    }

    /** The row's values times idf, scaled to unit length. */
    private static float[] weighted(CharGrams.Sparse x, float[] idf) {
        int[] index = x.index();
        float[] v = new float[index.length];
        double norm = 0;
        for (int i = 0; i < index.length; i++) {
            v[i] = x.value()[i] * idf[index[i]];
            norm += (double) v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int i = 0; i < v.length; i++) v[i] /= (float) norm;
        return v;
    }

    float[] idf() { return idf; }
    float[] weights() { return weights; }
    int models() { return models; }
}
