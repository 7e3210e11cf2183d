package dev.gearbox.learn;

/** Ridge regression on standardised columns, solved exactly (a dozen to a few hundred columns). */
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

    /**
     * Ridge for several targets at once on rows already standardised: one Gram matrix, one
     * elimination, a weight column per target ({@code y[row][target]}, centred by the caller).
     * Returns {@code w[feature][target]}.
     */
    static double[][] fitMany(double[][] z, double[][] y, double lambda) {
        int f = z[0].length;
        int t = y[0].length;
        double[][] a = new double[f][f];
        double[][] b = new double[f][t];
        for (int r = 0; r < z.length; r++) {
            double[] row = z[r];
            for (int i = 0; i < f; i++) {
                double zi = row[i];
                if (zi == 0) continue;
                double[] ai = a[i];
                for (int j = i; j < f; j++) ai[j] += zi * row[j];
                for (int m = 0; m < t; m++) b[i][m] += zi * y[r][m];
            }
        }
        for (int i = 0; i < f; i++) {
            for (int j = 0; j < i; j++) a[i][j] = a[j][i];
            a[i][i] += lambda;
        }
        // Gaussian elimination with partial pivoting, every right-hand side at once
        for (int c = 0; c < f; c++) {
            int p = c;
            for (int r = c + 1; r < f; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
            double[] tmp = a[c];
            a[c] = a[p];
            a[p] = tmp;
            tmp = b[c];
            b[c] = b[p];
            b[p] = tmp;
            for (int r = c + 1; r < f; r++) {
                double k = a[r][c] / a[c][c];
                if (k == 0) continue;
                for (int j = c; j < f; j++) a[r][j] -= k * a[c][j];
                for (int m = 0; m < t; m++) b[r][m] -= k * b[c][m];
            }
        }
        double[][] w = new double[f][t];
        for (int i = f - 1; i >= 0; i--) {
            for (int m = 0; m < t; m++) {
                double s = b[i][m];
                for (int j = i + 1; j < f; j++) s -= a[i][j] * w[j][m];
                w[i][m] = s / a[i][i];
            }
        }
        return w;
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
