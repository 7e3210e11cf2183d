package dev.gearbox.embed;

/**
 * "All-but-the-top" post-processing of a static token table (Mu and Viswanath, ICLR 2018): subtract
 * the rows' mean, then project out the few directions along which the rows vary most. Raw
 * word-piece vectors share a large common component, so the mean of any text's rows points the same
 * way: two unrelated prompts had cosine 0.9 with the raw MiniLM table, 0.04-0.16 after this and
 * {@link StaticEmbedder#weight}, where MiniLM itself gives 0.05-0.3 (docs/routing-quality.md).
 */
final class TokenTable {
    /** Power-iteration rounds per direction; the top directions of a token table are well separated. */
    static final int ROUNDS = 300;

    private TokenTable() {}

    /** {@code rows} (n x dims, row-major), centred and with its top {@code removed} principal directions projected out, in place. */
    static float[] allButTheTop(float[] rows, int dims, int removed) {
        int n = rows.length / dims;
        double[] mean = new double[dims];
        for (int r = 0; r < n; r++) for (int d = 0; d < dims; d++) mean[d] += rows[r * dims + d];
        for (int d = 0; d < dims; d++) mean[d] /= n;
        for (int r = 0; r < n; r++) for (int d = 0; d < dims; d++) rows[r * dims + d] -= (float) mean[d];
        double[][] cov = covariance(rows, dims, n);
        for (int k = 0; k < removed; k++) {
            double[] u = topDirection(cov, k);
            for (int r = 0; r < n; r++) {
                int base = r * dims;
                double dot = 0;
                for (int d = 0; d < dims; d++) dot += rows[base + d] * u[d];
                for (int d = 0; d < dims; d++) rows[base + d] -= (float) (dot * u[d]);
            }
            deflate(cov, u);
        }
        return rows;
    }

    private static double[][] covariance(float[] rows, int dims, int n) {
        double[][] c = new double[dims][dims];
        double[] row = new double[dims];
        for (int r = 0; r < n; r++) {
            for (int d = 0; d < dims; d++) row[d] = rows[r * dims + d];
            for (int i = 0; i < dims; i++) {
                double x = row[i];
                double[] ci = c[i];
                for (int j = i; j < dims; j++) ci[j] += x * row[j];
            }
        }
        for (int i = 0; i < dims; i++) for (int j = i; j < dims; j++) c[j][i] = c[i][j];
        return c;
    }

    /** The leading eigenvector of a symmetric positive semi-definite matrix, from a fixed start (deterministic). */
    static double[] topDirection(double[][] m, int seed) {
        int dims = m.length;
        double[] v = new double[dims];
        for (int i = 0; i < dims; i++) v[i] = 1.0 + ((i * 31 + seed * 17) % 7) * 0.1;
        normalise(v);
        double[] next = new double[dims];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < dims; i++) {
                double s = 0;
                for (int j = 0; j < dims; j++) s += m[i][j] * v[j];
                next[i] = s;
            }
            if (normalise(next) == 0) return v;
            double[] t = v;
            v = next;
            next = t;
        }
        return v;
    }

    /** Removes {@code u}'s (unit) direction from {@code m}: m - (u'mu) uu'. */
    private static void deflate(double[][] m, double[] u) {
        int dims = m.length;
        double lambda = 0;
        for (int i = 0; i < dims; i++) {
            double s = 0;
            for (int j = 0; j < dims; j++) s += m[i][j] * u[j];
            lambda += u[i] * s;
        }
        for (int i = 0; i < dims; i++) for (int j = 0; j < dims; j++) m[i][j] -= lambda * u[i] * u[j];
    }

    private static double normalise(double[] v) {
        double n = 0;
        for (double x : v) n += x * x;
        n = Math.sqrt(n);
        if (n == 0) return 0;
        for (int i = 0; i < v.length; i++) v[i] /= n;
        return n;
    }
}
