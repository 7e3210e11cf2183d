package dev.gearbox.learn;

/** Ridge regression on standardised columns, solved exactly (the design is a dozen columns wide). */
final class Ridge {
    private Ridge() {}

    static double[] fit(double[][] x, double[] y, double[] mean, double[] sd, double yMean, double lambda) {
        int f = mean.length;
        double[][] a = new double[f][f + 1];
        for (int r = 0; r < x.length; r++) {
            double[] z = new double[f];
            for (int j = 0; j < f; j++) z[j] = (x[r][j] - mean[j]) / sd[j];
            double t = y[r] - yMean;
            for (int i = 0; i < f; i++) {
                for (int j = 0; j < f; j++) a[i][j] += z[i] * z[j];
                a[i][f] += z[i] * t;
            }
        }
        for (int i = 0; i < f; i++) a[i][i] += lambda;
        return solve(a);
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix. */
    static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] tmp = a[c];
            a[c] = a[p];
            a[p] = tmp;
            for (int r = c + 1; r < n; r++) {
                double k = a[r][c] / a[c][c];
                for (int j = c; j <= n; j++) a[r][j] -= k * a[c][j];
            }
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = a[i][n];
            for (int j = i + 1; j < n; j++) s -= a[i][j] * x[j];
            x[i] = s / a[i][i];
        }
        return x;
    }
}
